// The audio rules of a field or body as a short markdown paragraph, for the OpenAPI document and the
// docs built from it: what is accepted, the limits, and which code each broken rule gets.
import type { AudioRule, AudioRules } from './audio-types.js';

const RULE_NAMES: Record<AudioRule, string> = {
  unreadable: 'not audio in an accepted format',
  format: 'audio in another format than the one named',
  duration: 'too long',
  silence: 'digital silence (no human voice)',
  length: 'a stated length that differs from the decoded size',
  rate: 'another sample rate than expected',
};

export function describeAudio(rules: AudioRules): string {
  const limits = [
    `accepted formats: ${Object.keys(rules.formats).map((f) => `\`${f}\``).join(', ')}${rules.formatParameter ? ` (named by \`${rules.formatParameter}\`)` : ' (read from the bytes)'}`,
    ...(rules.maxSeconds !== undefined ? [`at most ${rules.maxSeconds} s long`] : []),
    ...(rules.lengthParameter ? [`\`${rules.lengthParameter}\` must equal the decoded size in bytes`] : []),
    ...(rules.sampleRate ? [`sampled at ${rules.sampleRate} Hz`] : rules.rateParameter ? [`sample rate as \`${rules.rateParameter}\` gives it`] : []),
  ];
  const codes = (Object.entries(rules.errors) as [AudioRule, { code: string; choice?: string }][]).map(
    ([rule, e]) => `${RULE_NAMES[rule]} → \`${e.code}\`${e.choice ? ' (the emulator’s choice: Tencent’s documentation names no code)' : ''}`,
  );
  return `**Audio:** ${limits.join('; ')}. Refused when ${codes.join('; ')}.`;
}
