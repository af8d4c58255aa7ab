// /_emulator/clock: the emulator's clock, for tests that cannot wait a day. GET tells the time;
// POST {"advance": "25h"} or {"to": "2030-01-01T00:00:00Z"} moves it forward, removes whatever that
// expires, and answers once the removals are durable. Outside every path of the real service.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './http-io.js';
import { ClockError, parseDuration, parseInstant } from './state/clock.js';
import type { Store } from './state/store.js';

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

function answer(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...extra });
  res.end(text);
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

export async function serveClock(req: IncomingMessage, res: ServerResponse, store: Store): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.resume();
    return answer(res, 200, stateOf(store));
  }
  if (req.method !== 'POST') {
    req.resume();
    return answer(res, 405, { error: `${CLOCK_PATH} answers GET and POST` }, { Allow: 'GET, HEAD, POST' });
  }
  const { body, tooLarge } = await readBody(req, MAX_BODY_BYTES);
  if (tooLarge) return answer(res, 413, { error: `the body may hold at most ${MAX_BODY_BYTES} bytes` });
  let expired: number;
  try {
    expired = store.moveClock(clockTarget(body));
  } catch (e) {
    if (e instanceof ClockError) return answer(res, 400, { error: e.message });
    throw e;
  }
  await store.durable();
  answer(res, 200, { ...stateOf(store), expired });
}
