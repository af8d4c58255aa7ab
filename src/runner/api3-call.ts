// A minimal signed API 3.0 call from Node, for the runner's own cases (it starts tasks with a
// callback URL). Header names come from the model's header roles.
import { headerName, optionalHeaderName } from '../model/roles.js';
import type { HeaderRole, Model } from '../model/types.js';
import { signTc3 } from '../signing/tc3.js';

export interface Credentials {
  secretId: string;
  secretKey: string;
  region: string;
}

function regionHeader(model: Model, region: string): Record<string, string> {
  const name = optionalHeaderName(model, 'region');
  return name ? { [name]: region } : {};
}

export async function callAction(model: Model, baseUrl: string, creds: Credentials, action: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const url = new URL(baseUrl);
  const body = JSON.stringify(params);
  const contentType = 'application/json; charset=utf-8';
  const timestamp = Math.floor(Date.now() / 1000);
  const header = (role: HeaderRole): string => headerName(model, role);
  const auth = signTc3({ method: 'POST', headers: { 'content-type': contentType, host: url.hostname }, body, timestamp, service: model.service.signing.scopeService, secretId: creds.secretId, secretKey: creds.secretKey });
  const res = await fetch(`${url.origin}/`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, [header('action')]: action, [header('version')]: model.service.version, [header('timestamp')]: String(timestamp), ...regionHeader(model, creds.region), Authorization: auth.authorization },
    body,
  });
  return (await res.json()) as Record<string, unknown>;
}
