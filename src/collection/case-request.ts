// The request of each contract case, as both collections send it: the method, the headers (the
// disabled, never sent X-Contract-* ones that tell the scripts what to check included), the URL with
// {{variables}} and the body. Each collection emitter renders it in its own format.
import type { ContractCase } from '../model/cases.js';
import { headerName, optionalHeaderName } from '../model/roles.js';
import type { Action, Model } from '../model/types.js';
import { API3_CONTENT_TYPE } from '../signing/api3-request.js';

export interface HeaderDefinition {
  key: string;
  value: string;
  disabled?: boolean;
  description?: string;
}

const RAW = (name: string): string => `@@asr-contract-raw:${name}@@`;

/**
 * JSON text of the parameters. A value that is exactly `{{name}}` for a numeric parameter is written
 * unquoted, so a captured TaskId stays a number once the runner substitutes it.
 */
export function bodyText(action: Action | undefined, params: Record<string, unknown>): string {
  const numeric = new Set(action?.request.fields.filter((f) => f.type.kind === 'scalar' && (f.type.scalar === 'integer' || f.type.scalar === 'number')).map((f) => f.name));
  const marked = Object.fromEntries(
    Object.entries(params).map(([k, v]) => {
      const m = typeof v === 'string' ? /^\{\{([^{}]+)\}\}$/.exec(v) : null;
      return [k, m && numeric.has(k) ? RAW(m[1]!) : v];
    }),
  );
  return JSON.stringify(marked, null, 2).replace(/"@@asr-contract-raw:([^@"]+)@@"/g, '{{$1}}');
}

const contract = (key: string, value: string, description: string): HeaderDefinition => ({ key, value, disabled: true, description });

/** The disabled header that tells the test script to poll; the runner reads it too. */
export const POLL_HEADER = 'X-Contract-Poll';

/** An API 3.0 call's headers: the sent ones, then (for a contract case) what the scripts read. */
export function api3Headers(model: Model, actionName: string, c?: ContractCase): HeaderDefinition[] {
  const header: HeaderDefinition[] = [
    { key: 'Content-Type', value: API3_CONTENT_TYPE },
    { key: headerName(model, 'action'), value: actionName },
    { key: headerName(model, 'version'), value: model.service.version },
  ];
  const region = optionalHeaderName(model, 'region');
  if (region) header.push({ key: region, value: '{{region}}' });
  if (c) {
    header.push(contract('X-Contract-Expect', c.expect === 'success' ? 'success' : `error=${c.expect.error}`, 'Read by the contract tests, never sent: what this call must answer.'));
    const captures = Object.entries(c.capture);
    if (captures.length > 0) header.push(contract('X-Contract-Capture', captures.map(([k, v]) => `${k}=${v}`).join('; '), 'Read by the contract tests, never sent: variables to set from the answer.'));
    if (c.poll) header.push(contract(POLL_HEADER, `${c.poll.path}=${String(c.poll.equals)}; attempts=${c.poll.attempts}; delayMs=${c.poll.delayMs}`, 'Read by the contract tests, never sent: repeat until the field has the value.'));
    if (c.sign) header.push(contract('X-Contract-Sign', c.sign, 'Read by the signing script, never sent: sign badly on purpose.'));
  }
  return header;
}

export interface EndpointRequest {
  method: string;
  header: HeaderDefinition[];
  /** `{{flashBaseUrl}}` and the path, the AppId as `{{appId}}`; no query. */
  base: string;
  query: [string, string][];
  /** No body at all, or the audio fixture. */
  emptyBody: boolean;
}

/** A flash-style endpoint case: its own host and path, the query in the URL, the audio fixture as the body. */
export function endpointRequest(model: Model, c: ContractCase): EndpointRequest {
  const e = model.endpoints.find((x) => x.name === c.endpoint!.name)!;
  return {
    method: e.method,
    header: [
      contract('X-Contract-Endpoint', e.name, 'Read by the flash scripts, never sent: which endpoint this is.'),
      contract('X-Contract-Expect', c.expect === 'success' ? 'success' : `code=${c.expect.error}`, 'Read by the flash tests, never sent: the code this call must answer.'),
      ...(c.sign ? [contract('X-Contract-Sign', c.sign, 'Read by the signing script, never sent: sign badly on purpose.')] : []),
    ],
    base: `{{flashBaseUrl}}${e.path.replace(/\{[A-Za-z][A-Za-z0-9_]*\}/g, '{{appId}}')}`,
    query: Object.entries(c.params).map(([k, v]) => [k, String(v)]),
    emptyBody: Boolean(c.endpoint!.emptyBody),
  };
}

export function caseDescription(c: ContractCase): string {
  const expect = c.expect === 'success' ? 'a successful answer' : `the error \`${c.expect.error}\``;
  return `Contract case (${c.kind}): expects ${expect}.${c.mutating ? ' Creates or changes resources on the server.' : ''}`;
}
