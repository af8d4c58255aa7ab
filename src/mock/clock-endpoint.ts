// /_emulator/clock: the emulator's clock, for tests that cannot wait a day. GET tells the time;
// POST {"advance": "25h"} or {"to": "2030-01-01T00:00:00Z"} moves it forward, removes whatever that
// expires, and answers once the removals are durable. Outside every path of the real service.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, send, type Rest } from './http-io.js';
import { ClockError, parseDuration, parseInstant } from './state/clock.js';
import type { WireBounds } from '../model/emulator-types.js';
import type { Store } from './state/store.js';

type HttpBounds = WireBounds['http'];

export const CLOCK_PATH = '/_emulator/clock';
const MAX_BODY_BYTES = 1024;

export interface ClockState {
  now: string;
  epochMs: number;
  /** How far the emulator's clock is ahead of the real time (negative: behind). */
  offsetMs: number;
  /** Records and usage days that the move removed (POST only). */
  expired?: number;
}

/** Answers with JSON; a body left unread lingers within the wire bounds of specs/emulator.yaml, as for health. */
function answer(req: IncomingMessage, res: ServerResponse, wire: HttpBounds, reply: { status: number; body: unknown; headers?: Record<string, string> }, rest?: Rest): void {
  const linger: Rest = { linger: { bytes: wire.lingerBytes, ms: wire.lingerSeconds * 1000 } };
  send(req, res, { status: reply.status, headers: { 'Content-Type': 'application/json', ...reply.headers }, text: JSON.stringify(reply.body) }, rest ?? linger);
}

const stateOf = (store: Store): ClockState => ({ now: new Date(store.now()).toISOString(), epochMs: store.now(), offsetMs: store.clock.offsetMs });

/** Where a POST body says to move the clock to, from the time it is. */
export function clockTarget(body: Buffer): (now: number) => number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ClockError('the body must be JSON: {"advance": "25h"} or {"to": "2030-01-01T00:00:00Z"}');
  }
  const o = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const keys = Object.keys(o);
  if (keys.length !== 1 || !['advance', 'to'].includes(keys[0]!)) throw new ClockError('the body must hold exactly one of "advance" or "to"');
  if ('advance' in o) {
    const ms = parseDuration(o.advance);
    return (now) => now + ms;
  }
  const to = parseInstant(o.to, '"to"');
  return () => to;
}

export async function serveClock(req: IncomingMessage, res: ServerResponse, store: Store, wire: HttpBounds): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') return answer(req, res, wire, { status: 200, body: stateOf(store) });
  if (req.method !== 'POST') return answer(req, res, wire, { status: 405, body: { error: `${CLOCK_PATH} answers GET and POST` }, headers: { Allow: 'GET, HEAD, POST' } });
  const read = await readBody(req, MAX_BODY_BYTES, wire.bodyIdleSeconds * 1000);
  if (read.kind === 'gone') return;
  if (read.kind === 'too-large') return answer(req, res, wire, { status: 413, body: { error: `the body may hold at most ${MAX_BODY_BYTES} bytes` } }, read.received === 0 ? undefined : { close: true });
  if (read.kind === 'stalled') return answer(req, res, wire, { status: 400, body: { error: 'the body stopped arriving' } }, { close: true });
  let expired: number;
  try {
    expired = store.moveClock(clockTarget(read.body));
  } catch (e) {
    if (e instanceof ClockError) return answer(req, res, wire, { status: 400, body: { error: e.message } });
    throw e;
  }
  await store.durable();
  answer(req, res, wire, { status: 200, body: { ...stateOf(store), expired } });
}
