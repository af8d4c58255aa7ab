// A hand-rolled API 3.0 client for emulator tests: it can sign correctly, or wrongly on purpose.
import { signV1, v1StringToSign, type V1Method } from '../../src/signing/v1.js';
import { signTc3, tc3Date } from '../../src/signing/tc3.js';

export interface Tc3Tweaks {
  secretId?: string;
  secretKey?: string;
  /** Seconds added to the current time for X-TC-Timestamp. */
  timestampOffset?: number;
  timestampText?: string;
  scopeDate?: string;
  scopeService?: string;
  signedHeaders?: string[];
  /** Replace the Authorization header entirely (null removes it). */
  authorization?: string | null;
  /** Sign this body but send another. */
  sendBody?: string;
  version?: string | null;
  action?: string | null;
  token?: string;
  language?: string;
  contentType?: string;
  /** Sign this Content-Type but send the usual one. */
  signContentType?: string;
  headers?: Record<string, string>;
  method?: 'POST' | 'GET';
  now?: number;
  /** Sign the Host header as sent (with the port) instead of the bare host name the SDKs sign. */
  hostWithPort?: boolean;
}

export interface CallResult {
  status: number;
  json: { Response: Record<string, unknown> & { RequestId: string; Error?: { Code: string; Message: string } } };
}

export const LOCAL = { secretId: 'AKIDLOCALEMULATOR00000000000000000000', secretKey: 'local-emulator-test-key-not-a-secret' };

function flatten(value: unknown, prefix: string, out: Record<string, string>): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else if (value !== undefined && value !== null) out[prefix] = String(value);
  return out;
}

/** A request as built (and signed) by tc3Request or v1Request, for tests that send it themselves. */
export interface Tc3Request {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string | Buffer;
}

/** The request callTc3 sends, signed (or not) as the tweaks say, without sending it. */
export function tc3Request(baseUrl: string, action: string, params: unknown, t: Tc3Tweaks = {}): Tc3Request {
  const url = new URL(baseUrl);
  const method = t.method ?? 'POST';
  const now = t.now ?? Date.now();
  const timestamp = Math.floor(now / 1000) + (t.timestampOffset ?? 0);
  const contentType = t.contentType ?? (method === 'GET' ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8');
  const query = method === 'GET' ? new URLSearchParams(flatten(params, '', {})).toString() : '';
  const body: string | Buffer = method === 'GET' ? '' : typeof params === 'string' || Buffer.isBuffer(params) ? params : JSON.stringify(params);
  const signedNames = t.signedHeaders ?? ['content-type', 'host'];
  const extra = { 'x-tc-action': t.action ?? action, ...(t.headers ?? {}) };
  const values: Record<string, string> = { 'content-type': t.signContentType ?? contentType, host: t.hostWithPort ? url.host : url.hostname, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k.toLowerCase(), String(v)])) };
  const signed = signTc3({
    method,
    query,
    headers: Object.fromEntries(signedNames.map((n) => [n, values[n] ?? ''])),
    body,
    timestamp,
    service: t.scopeService ?? 'asr',
    secretId: t.secretId ?? LOCAL.secretId,
    secretKey: t.secretKey ?? LOCAL.secretKey,
  });
  let authorization = signed.authorization;
  if (t.scopeDate) authorization = authorization.replace(tc3Date(timestamp), t.scopeDate);
  const headers: Record<string, string> = { 'Content-Type': contentType, 'X-TC-Timestamp': t.timestampText ?? String(timestamp), 'X-TC-Region': 'ap-guangzhou', ...(t.headers ?? {}) };
  if (t.action !== null) headers['X-TC-Action'] = t.action ?? action;
  if (t.version !== null) headers['X-TC-Version'] = t.version ?? '2019-06-14';
  if (t.authorization !== null) headers.Authorization = t.authorization ?? authorization;
  if (t.token !== undefined) headers['X-TC-Token'] = t.token;
  if (t.language) headers['X-TC-Language'] = t.language;
  return { url: `${baseUrl}/${query ? `?${query}` : ''}`, method, headers, ...(method === 'POST' ? { body: t.sendBody ?? body } : {}) };
}

export async function callTc3(baseUrl: string, action: string, params: unknown, t: Tc3Tweaks = {}): Promise<CallResult> {
  const { url, ...init } = tc3Request(baseUrl, action, params, t);
  const res = await fetch(url, init);
  return { status: res.status, json: (await res.json()) as CallResult['json'] };
}

type V1Options = { method?: 'GET' | 'POST'; signMethod?: V1Method; secretKey?: string; now?: number; extra?: Record<string, string> };

export async function callV1(baseUrl: string, action: string, params: unknown, opts: V1Options = {}): Promise<CallResult> {
  const { url, ...init } = v1Request(baseUrl, action, params, opts);
  const res = await fetch(url, init);
  return { status: res.status, json: (await res.json()) as CallResult['json'] };
}

/** The request callV1 sends (the legacy HmacSHA1/HmacSHA256 signature), without sending it. */
export function v1Request(baseUrl: string, action: string, params: unknown, opts: V1Options = {}): Tc3Request {
  const url = new URL(baseUrl);
  const method = opts.method ?? 'POST';
  const all: Record<string, string> = {
    ...flatten(params, '', {}),
    Action: action,
    Version: '2019-06-14',
    Region: 'ap-guangzhou',
    Timestamp: String(Math.floor((opts.now ?? Date.now()) / 1000)),
    Nonce: '48213',
    SecretId: LOCAL.secretId,
    ...(opts.signMethod ? { SignatureMethod: opts.signMethod } : {}),
    ...(opts.extra ?? {}),
  };
  all.Signature = signV1(opts.secretKey ?? LOCAL.secretKey, v1StringToSign(method, url.host, '/', all), opts.signMethod ?? 'HmacSHA1');
  const encoded = new URLSearchParams(all).toString();
  return method === 'GET' ? { url: `${baseUrl}/?${encoded}`, method, headers: {} } : { url: `${baseUrl}/`, method, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: encoded };
}
