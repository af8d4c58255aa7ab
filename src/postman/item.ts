// Postman items: one per contract case. POST {{baseUrl}}/ with the X-TC-* headers, a JSON body,
// and disabled (never sent) X-Contract-* headers that the collection's scripts read.
import type { ContractCase } from '../model/cases.js';
import { headerName, optionalHeaderName } from '../model/roles.js';
import type { Action, Example, Model } from '../model/types.js';
import { OUTPUT_FILES } from '../output-paths.js';
import { API3_CONTENT_TYPE } from '../signing/api3-request.js';
import { stableId } from './ids.js';
import { requestMarkdown } from './markdown.js';

export interface HeaderDefinition {
  key: string;
  value: string;
  disabled?: boolean;
  description?: string;
}

export interface RequestDefinition {
  method: 'POST';
  header: HeaderDefinition[];
  url: string;
  body: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } };
  description?: { content: string; type: 'text/markdown' };
}

const RAW = (name: string): string => `@@asr-contract-raw:${name}@@`;

/**
 * JSON text of the parameters. A value that is exactly `{{name}}` for a numeric parameter is written
 * unquoted, so a captured TaskId stays a number once Postman substitutes it.
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

export function apiRequest(model: Model, actionName: string, params: Record<string, unknown>, c?: ContractCase): RequestDefinition {
  const action = model.actions.find((a) => a.name === actionName);
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
    if (captures.length > 0) header.push(contract('X-Contract-Capture', captures.map(([k, v]) => `${k}=${v}`).join('; '), 'Read by the contract tests, never sent: collection variables to set from the answer.'));
    if (c.poll) header.push(contract(POLL_HEADER, `${c.poll.path}=${String(c.poll.equals)}; attempts=${c.poll.attempts}; delayMs=${c.poll.delayMs}`, 'Read by the contract tests, never sent: repeat until the field has the value.'));
    if (c.sign) header.push(contract('X-Contract-Sign', c.sign, 'Read by the signing script, never sent: sign badly on purpose.'));
  }
  return { method: 'POST', header, url: '{{baseUrl}}/', body: { mode: 'raw', raw: bodyText(action, params), options: { raw: { language: 'json' } } } };
}

function savedResponse(model: Model, action: Action, example: Example) {
  return {
    id: stableId('example', action.name, example.title),
    name: example.title,
    originalRequest: apiRequest(model, action.name, example.request),
    status: 'OK',
    code: 200,
    // Opens the saved body as JSON in the app, instead of plain text.
    _postman_previewlanguage: 'json',
    header: [{ key: 'Content-Type', value: 'application/json' }],
    body: JSON.stringify({ [model.service.envelope.response]: example.response }, null, 2),
  };
}

function caseDescription(c: ContractCase): string {
  const expect = c.expect === 'success' ? 'a successful answer' : `the error \`${c.expect.error}\``;
  return `Contract case (${c.kind}): expects ${expect}.${c.mutating ? ' Creates or changes resources on the server.' : ''}`;
}

/** A flash-style endpoint case: its own host and path, the query in the URL, the audio fixture as the body. */
function endpointItem(model: Model, c: ContractCase) {
  const e = model.endpoints.find((x) => x.name === c.endpoint!.name)!;
  const path = e.path.replace(/\{[A-Za-z][A-Za-z0-9_]*\}/g, '{{appId}}');
  const query = Object.entries(c.params).map(([k, v]) => `${k}=${String(v)}`).join('&');
  const header: HeaderDefinition[] = [
    contract('X-Contract-Endpoint', e.name, 'Read by the flash scripts, never sent: which endpoint this is.'),
    contract('X-Contract-Expect', c.expect === 'success' ? 'success' : `code=${c.expect.error}`, 'Read by the flash tests, never sent: the code this call must answer.'),
    ...(c.sign ? [contract('X-Contract-Sign', c.sign, 'Read by the signing script, never sent: sign badly on purpose.')] : []),
  ];
  return {
    id: stableId('case', c.id),
    name: c.name,
    request: {
      method: e.method,
      header,
      url: `{{flashBaseUrl}}${path}${query ? `?${query}` : ''}`,
      body: c.endpoint!.emptyBody ? { mode: 'raw', raw: '' } : { mode: 'file', file: { src: OUTPUT_FILES.flashAudio } },
      description: {
        content: c.kind === 'example' ? `**${e.titleZh}** · ${e.summary}\n\n${e.description.trim()}\n\nThe body is \`${OUTPUT_FILES.flashAudio}\`: in the Postman app, set the working directory (Settings → General) to a checkout of this project.` : caseDescription(c),
        type: 'text/markdown' as const,
      },
    },
    response: [],
  };
}

export function caseItem(model: Model, c: ContractCase) {
  if (c.endpoint) return endpointItem(model, c);
  const action = model.actions.find((a) => a.name === c.action);
  const isExample = c.kind === 'example' && action;
  const request = apiRequest(model, c.action, c.params, c);
  return {
    id: stableId('case', c.id),
    name: c.name,
    request: { ...request, description: { content: isExample ? requestMarkdown(model, action) : caseDescription(c), type: 'text/markdown' as const } },
    response: isExample ? action.examples.map((e) => savedResponse(model, action, e)) : [],
  };
}
