// A minimal signed API 3.0 call from Node, for the runner's own cases (it starts tasks with a
// callback URL).
import type { Model } from '../model/types.js';
import { signApi3Request } from '../signing/api3-request.js';

export interface Credentials {
  secretId: string;
  secretKey: string;
  region: string;
}

export async function callAction(model: Model, baseUrl: string, creds: Credentials, action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const body = JSON.stringify(params);
  const signed = signApi3Request(model, { baseUrl, action, body, timestamp: Math.floor(Date.now() / 1000), ...creds });
  const res = await fetch(signed.url, { method: 'POST', headers: Object.fromEntries(signed.headers), body });
  return (await res.json()) as Record<string, unknown>;
}
