// Signed requests for the non-API-3.0 surfaces, as a client builds them: the WebSocket URL with its
// `signature` parameter, and the flash URL plus its Authorization header. Parameter names come from
// the surface's spec (secretid, timestamp, expired, nonce, …); values are the caller's.
import type { Channel, Endpoint, HmacSignature } from '../model/surface-types.js';
import { signHmacSha1 } from './hmac-sha1.js';

export interface SigningInput {
  /** Scheme and host (and port) to call, e.g. `wss://asr.cloud.tencent.com` or `ws://127.0.0.1:8080`. */
  base: string;
  appId: string;
  secretId: string;
  secretKey: string;
  /** The surface's own parameters (engine, voice id, …), as strings. */
  params: Record<string, string>;
  /** Unix seconds. */
  now: number;
  expiresIn?: number;
  nonce?: string;
}

/** The surface's path with its AppId placeholder filled in. */
export function fillPath(template: string, appId: string): string {
  return template.replace(/\{[A-Za-z][A-Za-z0-9_]*\}/g, encodeURIComponent(appId));
}

function authParams(sig: HmacSignature, input: SigningInput): Record<string, string> {
  const out: Record<string, string> = {};
  if (sig.secretIdParameter) out[sig.secretIdParameter] = input.secretId;
  if (sig.timestampParameter) out[sig.timestampParameter] = String(input.now);
  if (sig.expiredParameter) out[sig.expiredParameter] = String(input.now + (input.expiresIn ?? 86_400));
  if (sig.nonceParameter) out[sig.nonceParameter] = input.nonce ?? String(input.now);
  return out;
}

/** The query of a channel URL whose parameters are complete: sorted, URL-encoded, the signature last. */
export function signChannelQuery(sig: HmacSignature, host: string, path: string, params: Record<string, string>, secretKey: string): { query: string; stringToSign: string } {
  const { stringToSign, signature } = signHmacSha1(secretKey, { host, path, params });
  const query = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`)
    .join('&');
  return { query: `${query}&${sig.parameter}=${encodeURIComponent(signature)}`, stringToSign };
}

/** `wss://…/asr/v2/<appid>?…&signature=…`: the signature goes last, URL-encoded. */
export function signedChannelUrl(channel: Channel, input: SigningInput): { url: string; stringToSign: string } {
  const base = new URL(input.base);
  const path = fillPath(channel.path, input.appId);
  const params = { ...input.params, ...authParams(channel.signature, input) };
  const { query, stringToSign } = signChannelQuery(channel.signature, base.host, path, params, input.secretKey);
  return { url: `${base.protocol}//${base.host}${path}?${query}`, stringToSign };
}

/** The query and signature headers of an endpoint call whose parameters are complete. */
export function signEndpointQuery(endpoint: Endpoint, host: string, path: string, params: Record<string, string>, secretKey: string): { query: string; headers: Record<string, string>; stringToSign: string } {
  const { stringToSign, signature } = signHmacSha1(secretKey, { ...(endpoint.signature.method ? { method: endpoint.method } : {}), host, path, params });
  const query = new URLSearchParams(Object.keys(params).sort().map((k): [string, string] => [k, params[k]!])).toString();
  return { query, headers: endpoint.signature.header ? { [endpoint.signature.header]: signature } : {}, stringToSign };
}

/** The flash URL and the headers that carry its signature. */
export function signedEndpointRequest(endpoint: Endpoint, input: SigningInput): { url: string; headers: Record<string, string>; stringToSign: string } {
  const base = new URL(input.base);
  const path = fillPath(endpoint.path, input.appId);
  const params = { ...input.params, ...authParams(endpoint.signature, input) };
  const { query, headers, stringToSign } = signEndpointQuery(endpoint, base.host, path, params, input.secretKey);
  return { url: `${base.protocol}//${base.host}${path}?${query}`, headers, stringToSign };
}
