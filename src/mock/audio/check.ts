// Applies a spec's audio rules to one request: the format it claims, the sample rate its engine or
// parameter implies, the stated length, the longest duration, and silence. Returns what the audio
// is, or the first rule it breaks with the parameter to name.
import type { AudioRule, AudioRules, Container } from '../../model/audio-types.js';
import { inspectAudio, isProblem, type AudioFacts, type AudioProblem, type AudioSettings } from './inspect.js';

export interface AudioRefusal extends AudioProblem {
  /** The parameter the refusal names. */
  param: string;
  /** The code the spec gives this rule. */
  code: string;
}

/** A sample rate from a parameter: a number in Hz, or an engine name such as `16k_zh`. */
export function rateOf(value: unknown): number | undefined {
  if (typeof value === 'number' && value > 0) return value;
  const m = typeof value === 'string' ? /^(\d+)k_/.exec(value) : null;
  return m ? Number(m[1]) * 1000 : undefined;
}

const accepted = new WeakMap<AudioRules, Container[]>();

export function acceptedContainers(rules: AudioRules): Container[] {
  let list = accepted.get(rules);
  if (!list) accepted.set(rules, (list = [...new Set(Object.values(rules.formats))]));
  return list;
}

/** The sample rate the request expects: its engine or rate parameter, else the spec's fixed rate. */
export function expectedRate(rules: AudioRules, params: Record<string, unknown>): number | undefined {
  return (rules.rateParameter ? rateOf(params[rules.rateParameter]) : undefined) ?? rules.sampleRate;
}

export function claimedContainer(rules: AudioRules, params: Record<string, unknown>): Container | undefined {
  return rules.formatParameter ? rules.formats[String(params[rules.formatParameter])] : undefined;
}

export function pcmRate(rules: AudioRules, params: Record<string, unknown>): number | undefined {
  return (rules.inputRateParameter ? rateOf(params[rules.inputRateParameter]) : undefined) ?? expectedRate(rules, params);
}

function refusal(rules: AudioRules, rule: AudioRule, param: string, args: AudioProblem['args']): AudioRefusal {
  // A rule the spec gives no code of its own is a case of unreadable audio.
  const code = (rules.errors[rule] ?? rules.errors.unreadable).code;
  return { rule, param, code, args };
}

export async function checkAudio(rules: AudioRules, field: string, buf: Buffer, params: Record<string, unknown>, settings: AudioSettings): Promise<AudioFacts | AudioRefusal> {
  if (rules.lengthParameter && params[rules.lengthParameter] !== undefined && Number(params[rules.lengthParameter]) !== buf.length) {
    return refusal(rules, 'length', rules.lengthParameter, { stated: String(params[rules.lengthParameter]), actual: buf.length, field });
  }
  const claimed = claimedContainer(rules, params);
  const rate = pcmRate(rules, params);
  const found = await inspectAudio(buf, { ...(claimed ? { claimed } : {}), accepted: acceptedContainers(rules), ...(rate ? { pcmRate: rate } : {}) }, settings);
  if (isProblem(found)) {
    const param = found.rule === 'format' && rules.formatParameter ? rules.formatParameter : field;
    return refusal(rules, found.rule, param, { ...found.args, field, formats: Object.keys(rules.formats).join(', '), ...(claimed ? { claimedName: String(params[rules.formatParameter!]) } : {}) });
  }
  const expected = expectedRate(rules, params);
  if (rules.errors.rate && expected && found.sampleRate && found.container !== 'pcm' && found.sampleRate !== expected) {
    return refusal(rules, 'rate', field, { found: found.sampleRate, expected });
  }
  if (rules.maxSeconds !== undefined && found.durationMs > rules.maxSeconds * 1000) {
    return refusal(rules, 'duration', field, { seconds: (found.durationMs / 1000).toFixed(1), max: rules.maxSeconds });
  }
  if (rules.errors.silence && found.silent) return refusal(rules, 'silence', field, { dbfs: settings.silenceDbfs });
  return found;
}

export function isRefusal(x: AudioFacts | AudioRefusal): x is AudioRefusal {
  return 'rule' in x;
}
