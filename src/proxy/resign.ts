// A client's request, signed again with the proxy's own credentials for the upstream's host. The
// body is forwarded exactly as received; only what a signature covers changes: the Authorization
// header (TC3), the legacy signature's parameters, or a flash or WebSocket URL's signing parameters.
import type { IncomingHttpHeaders } from 'node:http';
import { headerValue } from '../mock/api3/auth.js';
import type { CallForm, IncomingCall } from '../mock/api3/stages.js';
import type { Channel, Endpoint, HmacSignature } from '../model/surface-types.js';
import type { Model } from '../model/types.js';
import { optionalHeaderName } from '../model/roles.js';
import { signChannelQuery, signEndpointQuery } from '../signing/surface-urls.js';
import { signTc3 } from '../signing/tc3.js';
import { signV1, v1StringToSign, type V1Method } from '../signing/v1.js';
import { HOP_BY_HOP, type UpstreamRequest } from './forward.js';

export interface ProxyCredentials {
  secretId: string;
  secretKey: string;
  token?: string;
  appId?: string;
}

/** The client's headers minus connection-level ones and those the re-signing replaces. */
function passOn(headers: IncomingHttpHeaders, drop: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.has(name) || drop.includes(name) || value === undefined) continue;
    // The answer is checked, so it must come unencoded: no Accept-Encoding.
    if (name === 'accept-encoding') continue;
    out.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  return out;
}

export function resignApi3(model: Model, call: IncomingCall, form: CallForm, creds: ProxyCredentials, upstream: URL): UpstreamRequest {
  const tokenHeader = optionalHeaderName(model, 'token')?.toLowerCase();
  if (form.legacy) {
    const p = model.service.signing.legacy;
    const tokenParam = model.service.headers.find((h) => h.role === 'token')?.legacy;
    const values: Record<string, string> = { ...form.values, [p.parameters.secretId]: creds.secretId };
    if (tokenParam) delete values[tokenParam];
    if (tokenParam && creds.token) values[tokenParam] = creds.token;
    delete values[p.parameters.signature];
    const method = (values[p.parameters.method] ?? p.defaultMethod) as V1Method;
    values[p.parameters.signature] = signV1(creds.secretKey, v1StringToSign(call.method, upstream.host, call.path, values), method);
    const encoded = new URLSearchParams(values).toString();
    return form.formBody
      ? { method: call.method, path: call.path, headers: passOn(call.headers, []), body: Buffer.from(encoded) }
      : { method: call.method, path: `${call.path}?${encoded}`, headers: passOn(call.headers, []), body: call.body };
  }
  const contentType = headerValue(call.headers, 'content-type') ?? '';
  const timestamp = Number(headerValue(call.headers, model.service.headers.find((h) => h.role === 'timestamp')!.name.toLowerCase()));
  const signed = signTc3({
    method: call.method,
    query: call.query,
    // Like the official SDKs: the host name without its port.
    headers: { 'content-type': contentType, host: upstream.hostname },
    body: call.body,
    timestamp,
    service: model.service.signing.scopeService,
    secretId: creds.secretId,
    secretKey: creds.secretKey,
    preserveValueCase: true,
  });
  const headers = passOn(call.headers, ['authorization', ...(tokenHeader ? [tokenHeader] : [])]);
  headers.push(['Authorization', signed.authorization]);
  if (tokenHeader && creds.token) headers.push([optionalHeaderName(model, 'token')!, creds.token]);
  return { method: call.method, path: call.query ? `${call.path}?${call.query}` : call.path, headers, body: call.body };
}

/** The client's signing parameters with the proxy's SecretId; the signature itself is left out. */
function resignedParams(sig: HmacSignature, query: string, creds: ProxyCredentials): Record<string, string> {
  const params = Object.fromEntries(new URLSearchParams(query));
  if (sig.parameter) delete params[sig.parameter];
  if (sig.secretIdParameter) params[sig.secretIdParameter] = creds.secretId;
  return params;
}

export function resignEndpoint(endpoint: Endpoint, call: IncomingCall, path: string, creds: ProxyCredentials, upstream: URL): UpstreamRequest {
  const params = resignedParams(endpoint.signature, call.query, creds);
  const { query, headers } = signEndpointQuery(endpoint, upstream.host, path, params, creds.secretKey);
  const drop = endpoint.signature.header ? [endpoint.signature.header.toLowerCase()] : [];
  return { method: call.method, path: `${path}?${query}`, headers: [...passOn(call.headers, drop), ...Object.entries(headers)], body: call.body };
}

/** `ws(s)://upstream/path?…&signature=…` for a client's channel query. */
export function resignChannelUrl(channel: Channel, query: string, path: string, creds: ProxyCredentials, upstream: URL): string {
  const params = resignedParams(channel.signature, query, creds);
  return `${upstream.protocol}//${upstream.host}${path}?${signChannelQuery(channel.signature, upstream.host, path, params, creds.secretKey).query}`;
}
