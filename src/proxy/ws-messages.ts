// The checks of a WebSocket session's frames, the same live and offline: every text frame in
// either direction against the channel's messages in the AsyncAPI document, and a refusal the
// contract predicts against the code the server sent.
import type { Channel } from '../model/surface-types.js';
import { matchChannelMessage } from '../runner/channel-messages.js';
import type { CheckContext } from './context.js';
import { failed, passed, type ExchangeCheck } from './exchange.js';

export interface Frame {
  direction: 'send' | 'receive';
  /** Milliseconds since 1970. */
  time: number;
  binary: boolean;
  /** The text of a text frame; binary frames keep only their size. */
  text: string;
  bytes: number;
}

export function frameChecks(ctx: CheckContext, channel: Channel, frames: readonly Frame[], refusedWith?: { code: number; reason: string }): ExchangeCheck[] {
  const checks: ExchangeCheck[] = [];
  const count = { send: 0, receive: 0 };
  const codes: unknown[] = [];
  for (const f of frames) {
    if (f.binary) continue;
    const n = ++count[f.direction];
    const who = f.direction === 'send' ? 'client' : 'server';
    let value: unknown;
    try {
      value = JSON.parse(f.text);
    } catch {
      checks.push(failed(`${who} message ${n} is a ${channel.name} message`, [{ pointer: '', rule: `not JSON: ${JSON.stringify(f.text.slice(0, 120))} [json]` }]));
      continue;
    }
    if (f.direction === 'receive' && value !== null && typeof value === 'object') codes.push((value as Record<string, unknown>).code);
    const m = matchChannelMessage(channel, ctx.asyncapi, f.direction, value);
    checks.push(m.name ? passed(`${who} message ${n} is a ${channel.name} message (${m.name})`) : failed(`${who} message ${n} is a ${channel.name} message`, m.findings));
  }
  if (refusedWith) {
    const ok = codes.includes(refusedWith.code);
    checks.push(ok ? passed(`the server refuses the session with ${refusedWith.code}`) : failed(`the server refuses the session with ${refusedWith.code}`, [{ pointer: '/code', rule: `the contract refuses this session with ${refusedWith.code} (${refusedWith.reason}); the server sent codes ${JSON.stringify(codes)} [refusal]` }]));
  }
  return checks;
}

/** The session's id as the server's messages carry it, under the name of the URL's session parameter. */
export function sessionIdOf(frames: readonly Frame[], field: string): string | undefined {
  for (const f of frames) {
    if (f.direction !== 'receive' || f.binary) continue;
    try {
      const v = (JSON.parse(f.text) as Record<string, unknown>)[field];
      if (typeof v === 'string') return v;
    } catch {
      // not JSON: its own check says so
    }
  }
  return undefined;
}
