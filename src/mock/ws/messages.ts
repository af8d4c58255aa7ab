// Builds a channel's server messages from session events, through the spec's bindings.
import { Scope } from '../../model/expr-eval.js';
import type { Channel } from '../../model/surface-types.js';
import type { Model } from '../../model/types.js';
import { synthesize } from '../behaviour/synthesize.js';

export function buildMessage(model: Model, channel: Channel, name: string, vars: Record<string, unknown>): string {
  const message = channel.messages.find((m) => m.name === name && m.direction === 'receive');
  if (!message?.payload) throw new Error(`channel ${channel.name} has no receive message ${name}`); // the surface rules prevent this
  return JSON.stringify(synthesize(model, message.payload, message.emulator, new Scope(vars), undefined));
}
