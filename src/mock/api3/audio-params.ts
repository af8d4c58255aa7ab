// The API 3.0 side of the audio stage: every request field with audio rules is decoded from base64
// once, read by src/mock/audio, and refused with the code the spec gives the broken rule. What the
// audio is (duration, silence, fingerprint) goes on to the behaviour as `audio.<Field>`.
import { decodeBase64 } from '../../model/base64.js';
import type { Action, Model } from '../../model/types.js';
import { checkAudio, isRefusal } from '../audio/check.js';
import type { AudioFacts } from '../audio/inspect.js';
import { AUDIO_RULE_MESSAGES } from '../audio/rule-kinds.js';
import { ApiError } from '../errors.js';
import { transcribeServed } from '../recognizer/serve.js';
import type { Transcriber } from '../recognizer/transcriber.js';
import type { Store } from '../state/store.js';
import { missingReference } from '../state/references.js';

/** The audio rules of every audio field: what each field's audio is, or the refusal the spec gives the first broken rule. */
export async function checkAudioParams(model: Model, action: Action, params: Record<string, unknown>): Promise<Map<string, { facts: AudioFacts; bytes: Buffer }>> {
  const out = new Map<string, { facts: AudioFacts; bytes: Buffer }>();
  for (const field of action.request.fields) {
    const value = params[field.name];
    if (!field.audio || typeof value !== 'string' || value === '') continue;
    // Validation has decoded it already (format: byte); this takes those bytes.
    const buf = decodeBase64(value) ?? Buffer.from(value, 'base64');
    const found = await checkAudio(field.audio, field.name, buf, params, model.emulator.audio);
    if (isRefusal(found)) throw new ApiError(found.code, found.param, undefined, { kind: AUDIO_RULE_MESSAGES[found.rule], args: { ...found.args, param: found.param } });
    out.set(field.name, { facts: found, bytes: buf });
  }
  return out;
}

export async function inspectAudioParams(model: Model, action: Action, params: Record<string, unknown>, recognizer?: Transcriber): Promise<Record<string, AudioFacts>> {
  const out: Record<string, AudioFacts> = {};
  for (const [name, { facts, bytes }] of await checkAudioParams(model, action, params)) {
    out[name] = await transcribeServed(model, recognizer, action.request.fields.find((f) => f.name === name)!.audio!, params, facts, bytes);
  }
  return out;
}

/** Ids of hot-word tables, models and keyword libraries must exist in the store. */
export function checkReferences(action: Action, params: Record<string, unknown>, store: Store): void {
  const missing = missingReference(action.request.fields, params, store);
  if (missing) throw new ApiError(missing.kind.notFound, missing.field.name, undefined, { kind: 'notFound', args: { what: missing.kind.title } });
}
