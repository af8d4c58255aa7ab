// The English sentence that names a broken audio rule, for surfaces whose messages are short
// English phrases (flash, the WebSockets) rather than the API 3.0 envelope's localised ones.
import type { Model } from '../../model/types.js';
import { ruleText } from '../respond.js';
import type { AudioRefusal } from './check.js';
import { AUDIO_RULE_MESSAGES } from './rule-kinds.js';

export function refusalDetail(model: Model, r: AudioRefusal): string {
  return ruleText(model, { kind: AUDIO_RULE_MESSAGES[r.rule], args: { ...r.args, param: r.param } }, 'en-US');
}
