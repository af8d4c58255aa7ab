// What the client gets back: the upstream's answer unchanged (status, headers, body bytes), or the
// proxy's own answer when it refused the request or could not reach the upstream.
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { HOP_BY_HOP, type UpstreamAnswer } from './forward.js';

export interface ClientAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Buffer;
  /** Who made it: the upstream, or the proxy itself (a refusal, an unreachable upstream). */
  from: 'upstream' | 'proxy';
}

export function fromUpstream(a: UpstreamAnswer): ClientAnswer {
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < a.rawHeaders.length; i += 2) if (!HOP_BY_HOP.has(a.rawHeaders[i]!.toLowerCase())) headers.push([a.rawHeaders[i]!, a.rawHeaders[i + 1]!]);
  return { status: a.status, statusText: a.statusText, headers, body: a.body, from: 'upstream' };
}

export function jsonAnswer(status: number, statusText: string, value: unknown): ClientAnswer {
  return { status, statusText, headers: [['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify(value)), from: 'proxy' };
}

export const headerOf = (answer: Pick<ClientAnswer, 'headers'>, name: string): string => answer.headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? '';

/** The body as text for the checks, decoded when the upstream compressed it anyway. */
export function answerText(answer: Pick<ClientAnswer, 'headers' | 'body'>, maxBytes: number): string {
  const encoding = headerOf(answer, 'content-encoding').trim().toLowerCase();
  const opts = { maxOutputLength: maxBytes };
  try {
    if (encoding === 'gzip') return gunzipSync(answer.body, opts).toString('utf8');
    if (encoding === 'deflate') return inflateSync(answer.body, opts).toString('utf8');
    if (encoding === 'br') return brotliDecompressSync(answer.body, opts).toString('utf8');
  } catch {
    return answer.body.toString('latin1');
  }
  return answer.body.toString('utf8');
}
