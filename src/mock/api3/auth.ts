// Signature checks the way the API 3.0 gateway makes them: TC3-HMAC-SHA256 from the headers, or
// the legacy HmacSHA1/HmacSHA256 signature from the parameters. Every refusal is an ApiError
// carrying the service's code.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { signV1, v1StringToSign, type V1Method } from '../../signing/v1.js';
import { readTc3Authorization, type ParsedAuthorization } from '../../signing/tc3-authorization.js';
import { scopeProblems } from '../../signing/tc3-diagnose.js';
import { sha256Hex, tc3CanonicalRequest, tc3Signature, tc3SigningKey, tc3StringToSign } from '../../signing/tc3.js';
import { ApiError } from '../errors.js';
import { secretKeyOf, type EmulatorOptions } from '../options.js';
import type { Protocol } from '../protocol.js';
import { letThrough, refuse } from './auth-explain.js';

export interface AuthContext {
  protocol: Protocol;
  options: EmulatorOptions;
  now: number;
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The Host header, and the same without its port: the official SDKs sign the bare host name. */
export function hostCandidates(host: string | undefined): string[] {
  const h = (host ?? '').trim();
  const bare = h.replace(/:\d+$/, '');
  return [...new Set([h, bare].filter((x) => x.length > 0))];
}

/** The real scope service is the product's; the SDKs take it from the endpoint's first label. */
export function acceptedScopeServices(scopeService: string, hosts: string[]): string[] {
  return [...new Set([scopeService, ...hosts.map((h) => h.split('.')[0]!)])];
}

export function checkTimestamp(raw: string | undefined, name: string, ctx: AuthContext): number {
  const { protocol } = ctx;
  if (raw === undefined || raw === '') throw new ApiError(protocol.code('missing-parameter'), name);
  if (!/^\d{1,12}$/.test(raw)) throw new ApiError(protocol.code('invalid-parameter'), name);
  const ts = Number(raw);
  const tolerance = protocol.model.service.signing.timestampToleranceSeconds;
  if (Math.abs(ctx.now / 1000 - ts) > tolerance) {
    const offset = Math.round(ts - ctx.now / 1000);
    const problem = { part: 'timestamp' as const, message: `${name} ${ts} is ${Math.abs(offset)} s ${offset < 0 ? 'behind' : 'ahead of'} the emulator's clock; the limit is ${tolerance} s` };
    if (!ctx.options.lenientAuth) throw new ApiError(protocol.code('signature-expire'), undefined, `(${problem.message})`);
    letThrough('signature-expire', [problem], ctx);
  }
  return ts;
}

export function checkToken(sent: string | undefined, ctx: AuthContext): void {
  const expected = ctx.options.token;
  if ((expected ?? '') === (sent ?? '')) return;
  throw new ApiError(ctx.protocol.code('token-failure'));
}

export interface Tc3Request {
  method: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  timestamp: number;
}

export function verifyTc3(req: Tc3Request, ctx: AuthContext): void {
  const { protocol, options } = ctx;
  const signing = protocol.model.service.signing;
  const raw = headerValue(req.headers, 'authorization');
  if (raw === undefined) throw new ApiError(protocol.code('missing-parameter'), 'Authorization');
  const hosts = hostCandidates(headerValue(req.headers, 'host'));
  const services = acceptedScopeServices(signing.scopeService, hosts);
  const { parts: auth, problems } = readTc3Authorization(raw);
  problems.push(...scopeProblems(auth, req.timestamp, { services, requiredSignedHeaders: signing.requiredSignedHeaders }));
  if (hosts.length === 0) problems.push({ part: 'host', message: 'the request has no Host header' });
  const refusal = { req, authorization: raw, hosts, services };
  // Lenient mode lets a wrong header through, as long as it names the SecretId.
  if (problems.length > 0 && !(options.lenientAuth && auth.secretId)) throw refuse('invalid-authorization', problems, refusal, ctx);
  const secretKey = secretKeyOf(options, auth.secretId);
  if (secretKey === undefined) throw new ApiError(protocol.code('secret-id-not-found'));
  if (problems.length > 0) return letThrough('invalid-authorization', problems, ctx);
  if (signatureMatches(req, auth as ParsedAuthorization, secretKey, hosts)) return;
  if (options.lenientAuth) return letThrough('signature-failure', [{ part: 'signature', message: 'the signature does not match' }], ctx);
  throw refuse('signature-failure', [], refusal, ctx);
}

function signatureMatches(req: Tc3Request, auth: ParsedAuthorization, secretKey: string, hosts: string[]): boolean {
  // Candidates in the order clients most often sign: the bare host name (SDKs), then with port;
  // header values as sent (SDKs), then lower-cased (documentation). Stop at the first match.
  const payloadHash = sha256Hex(req.body);
  const scope = `${auth.date}/${auth.service}/tc3_request`;
  const key = signingKey(secretKey, auth.date, auth.service);
  const tried = new Set<string>();
  for (const host of [...hosts].reverse()) {
    for (const preserveValueCase of [true, false]) {
      const headers = Object.fromEntries(auth.signedHeaders.map((name) => [name, name === 'host' ? host : (headerValue(req.headers, name) ?? '')]));
      const { canonicalRequest } = tc3CanonicalRequest({ method: req.method, query: req.query, headers, payloadHash, preserveValueCase });
      if (tried.has(canonicalRequest)) continue;
      tried.add(canonicalRequest);
      if (same(tc3Signature(key, tc3StringToSign(req.timestamp, scope, canonicalRequest)), auth.signature)) return true;
    }
  }
  return false;
}

/** Derived keys change once a day per key and service; caching them saves three HMACs a request. */
const keyCache = new Map<string, Buffer>();
function signingKey(secretKey: string, date: string, service: string): Buffer {
  const id = `${date}/${service}/${secretKey}`;
  let key = keyCache.get(id);
  if (!key) {
    if (keyCache.size > 64) keyCache.clear();
    key = tc3SigningKey(secretKey, date, service);
    keyCache.set(id, key);
  }
  return key;
}

export interface V1Request {
  method: string;
  hostHeader: string | undefined;
  path: string;
  params: Record<string, string>;
}

export function verifyV1(req: V1Request, ctx: AuthContext): void {
  const { protocol, options } = ctx;
  const names = protocol.model.service.signing.legacy;
  const p = names.parameters;
  const secretId = req.params[p.secretId];
  if (!secretId) throw new ApiError(protocol.code('missing-parameter'), p.secretId);
  if (!req.params[p.nonce]) throw new ApiError(protocol.code('missing-parameter'), p.nonce);
  const signature = req.params[p.signature];
  if (!signature) throw new ApiError(protocol.code('missing-parameter'), p.signature);
  const method = (req.params[p.method] ?? names.defaultMethod) as V1Method;
  if (!names.methods.includes(method)) throw new ApiError(protocol.code('invalid-parameter-value'), p.method);
  const secretKey = secretKeyOf(options, secretId);
  if (secretKey === undefined) throw new ApiError(protocol.code('secret-id-not-found'));
  const hosts = hostCandidates(req.hostHeader);
  const strings = hosts.map((h) => v1StringToSign(req.method, h, req.path, req.params));
  if (strings.some((s) => same(signV1(secretKey, s, method), signature))) return;
  if (options.lenientAuth) return letThrough('signature-failure', [{ part: 'signature', message: `the ${method} signature does not match` }], ctx);
  throw new ApiError(protocol.code('signature-failure'), undefined, options.debugAuth ? `--debug-auth: expected string to sign:\n${strings[0]}` : undefined);
}
