// A minimal signed API 3.0 call from Node, for the runner's own cases (it starts tasks with a
// callback URL). Header names come from the model's header roles.
import type { Model } from '../model/types.js';
import { signTc3 } from '../signing/tc3.js';

export interface Credentials {
  secretId: string;
  secretKey: string;
  region: string;
}

export async function callAction(model: Model, baseUrl: string, creds: Credentials, action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const url = new URL(baseUrl);
  const body = JSON.stringify(params);
  const contentType = 'application/json; charset=utf-8';
  const timestamp = Math.floor(Date.now() / 1000);
  const header = (role: string): string => model.service.headers.find((h) => h.role === role)!.name;
  const auth = signTc3({ method: 'POST', headers: { 'content-type': contentType, host: url.hostname }, body, timestamp, service: url.hostname.split('.')[0]!, secretId: creds.secretId, secretKey: creds.secretKey });
  const res = await fetch(`${url.origin}/`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, [header('action')]: action, [header('version')]: model.service.version, [header('timestamp')]: String(timestamp), [header('region')]: creds.region, Authorization: auth.authorization },
    body,
  });
  return (await res.json()) as Record<string, unknown>;
}
