// A signed API 3.0 request as a client sends it: the URL, and the headers in the order the
// documentation lists them. Header names come from the model's header roles; the host is signed
// without its port and the scope names the product's service, as the official SDKs do against
// the real endpoint. Pure: the timestamp is an argument.
import { headerName, optionalHeaderName } from '../model/roles.js';
import type { Model } from '../model/types.js';
import { tc3Steps, type Tc3Steps } from './tc3-explain.js';

export const API3_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Api3Call {
  /** Scheme, host and port, e.g. `https://asr.tencentcloudapi.com` or `http://127.0.0.1:8080`. */
  baseUrl: string;
  action: string;
  /** Exactly the bytes sent. */
  body: string | Uint8Array;
  timestamp: number;
  secretId: string;
  secretKey: string;
  region?: string;
  token?: string;
  contentType?: string;
}

export interface SignedApi3Request {
  url: string;
  /** Name and value, in order; Host is left to the HTTP client. */
  headers: [string, string][];
  steps: Tc3Steps;
}

export function signApi3Request(model: Model, call: Api3Call): SignedApi3Request {
  const url = new URL(call.baseUrl);
  const contentType = call.contentType ?? API3_CONTENT_TYPE;
  const steps = tc3Steps({
    method: 'POST',
    headers: { 'content-type': contentType, host: url.hostname },
    body: call.body,
    timestamp: call.timestamp,
    service: model.service.signing.scopeService,
    secretId: call.secretId,
    secretKey: call.secretKey,
    preserveValueCase: true,
  });
  const region = optionalHeaderName(model, 'region');
  const token = optionalHeaderName(model, 'token');
  const headers: [string, string][] = [
    ['Authorization', steps.authorization],
    ['Content-Type', contentType],
    [headerName(model, 'action'), call.action],
    [headerName(model, 'timestamp'), String(call.timestamp)],
    [headerName(model, 'version'), model.service.version],
    ...(region && call.region ? [[region, call.region] as [string, string]] : []),
    ...(token && call.token ? [[token, call.token] as [string, string]] : []),
  ];
  return { url: `${url.origin}/`, headers, steps };
}
