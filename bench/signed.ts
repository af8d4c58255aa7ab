// TC3-signed API 3.0 requests for the benchmarks, signed the way the official SDKs sign (bare host,
// content-type and host), with the local test pair from specs/.
import { signTc3 } from '../src/signing/tc3.js';
import type { Model } from '../src/model/types.js';

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

export function signedRequest(model: Model, url: string, action: string, params: unknown): SignedRequest {
  const body = JSON.stringify(params);
  const timestamp = Math.floor(Date.now() / 1000);
  const host = new URL(url).hostname;
  const { secretId, secretKey } = model.service.local;
  const auth = signTc3({ method: 'POST', headers: { 'content-type': 'application/json', host }, body, timestamp, service: 'asr', secretId, secretKey });
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-tc-action': action, 'x-tc-version': model.service.version, 'x-tc-timestamp': String(timestamp), authorization: auth.authorization },
  };
}

/** One call; throws with the answer when it is refused (a benchmark of refusals would be meaningless). */
export async function call(model: Model, url: string, action: string, params: unknown): Promise<Record<string, unknown>> {
  const req = signedRequest(model, url, action, params);
  const answer = (await (await fetch(`${url}/`, { method: 'POST', headers: req.headers, body: req.body })).json()) as { Response: Record<string, unknown> & { Error?: unknown } };
  if (answer.Response.Error) throw new Error(`${action} is refused by ${url}: ${JSON.stringify(answer)}`);
  return answer.Response;
}
