// A minimal signed API 3.0 call from Node, for the runner's own requests (the preflight, tasks
// started with a callback URL), signed the way `asr-contract sign` signs.
import type { Model } from '../model/types.js';
import { signApi3Request } from '../signing/api3-request.js';

export interface Credentials {
  secretId: string;
  secretKey: string;
  region: string;
  token?: string;
}

export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends one signed call and returns the answer as received. Network failures reject, with the cause. */
export async function sendAction(model: Model, baseUrl: string, creds: Credentials, action: string, params: Record<string, unknown>, timeoutMs = 60_000): Promise<RawAnswer> {
  const body = JSON.stringify(params);
  const signed = signApi3Request(model, { baseUrl, action, body, timestamp: Math.floor(Date.now() / 1000), ...creds });
  const res = await fetch(signed.url, { method: 'POST', headers: Object.fromEntries(signed.headers), body, signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** The answer's JSON object, or undefined when it is not one. */
export async function callAction(model: Model, baseUrl: string, creds: Credentials, action: string, params: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const answer = await sendAction(model, baseUrl, creds, action, params);
  try {
    const body = JSON.parse(answer.text) as unknown;
    return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A fetch failure in words: `connection refused (ECONNREFUSED)`, `TLS: certificate has expired (CERT_HAS_EXPIRED)`, … */
export function describeFetchError(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'no answer in time';
  const code = err.cause?.code ?? '';
  const message = err.cause?.message ?? err.message ?? String(e);
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused: nothing listens there',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved (DNS)',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    UND_ERR_SOCKET: 'the server closed the connection without an HTTP answer',
  };
  if (words[code]) return `${words[code]} (${code})`;
  if (/SSL|TLS|CERT|EPROTO/i.test(code) || /SSL|TLS|certificate/i.test(message)) return `TLS failed: ${message}${code ? ` (${code})` : ''}`;
  return code ? `${message} (${code})` : message;
}
