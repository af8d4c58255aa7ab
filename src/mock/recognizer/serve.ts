// Hands inspected audio to the real recogniser when it serves it: the engine's language is the
// recogniser's, and the audio is mono WAV or pcm at its sample rate. Anything else stays canned.
import type { AudioRules } from '../../model/audio-types.js';
import type { Model } from '../../model/types.js';
import type { AudioFacts } from '../audio/inspect.js';
import { wavHeader } from '../../wav-header.js';
import { languageOf } from '../behaviour/recognize.js';
import type { Transcriber } from './transcriber.js';

export async function transcribeServed(model: Model, recognizer: Transcriber | undefined, rules: AudioRules, params: Record<string, unknown>, facts: AudioFacts, buf: Buffer): Promise<AudioFacts> {
  if (!recognizer || facts.silent || facts.channels !== 1 || facts.sampleRate !== recognizer.sampleRate) return facts;
  if (facts.container !== 'wav' && facts.container !== 'pcm') return facts;
  const engine = rules.rateParameter ? params[rules.rateParameter] : undefined;
  if (languageOf(model.emulator, engine) !== recognizer.lang) return facts;
  const wav = facts.container === 'wav' ? buf : Buffer.concat([wavHeader(buf.length, facts.sampleRate, 1), buf]);
  return { ...facts, transcript: await recognizer.transcribe(wav) };
}
