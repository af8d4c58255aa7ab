// One OpenCollection request file per contract case, from its request (src/collection/case-request.ts):
// the same headers (the disabled X-Contract-* ones, which Bruno never sends but its scripts read),
// URL and body as the Postman item, written the way Bruno writes an http item.
import { api3Headers, bodyText, caseDescription, endpointRequest, type HeaderDefinition } from '../collection/case-request.js';
import { requestMarkdown } from '../collection/request-markdown.js';
import type { ContractCase } from '../model/cases.js';
import type { Model } from '../model/types.js';

/**
 * Where the flash requests' audio lives, relative to the collection folder (Bruno resolves file bodies
 * from there). At the top, beside opencollection.yml: Bruno lists every folder, but reads only .yml files.
 */
export const BRUNO_AUDIO_FILE = 'flash-sample.wav';

const header = (h: HeaderDefinition) => ({ name: h.key, value: h.value, ...(h.description ? { description: h.description } : {}), ...(h.disabled ? { disabled: true } : {}) });

// The URL goes out as written: the signing scripts build it, encoded, and flash signs its query.
const SETTINGS = { encodeUrl: false, timeout: 0, followRedirects: true, maxRedirects: 5 };

function endpointHttp(model: Model, c: ContractCase) {
  const r = endpointRequest(model, c);
  const query = r.query.map(([k, v]) => `${k}=${v}`).join('&');
  return {
    method: r.method,
    url: `${r.base}${query ? `?${query}` : ''}`,
    ...(r.query.length > 0 ? { params: r.query.map(([name, value]) => ({ name, value, type: 'query' })) } : {}),
    headers: r.header.map(header),
    ...(r.emptyBody ? {} : { body: { type: 'file', data: [{ filePath: BRUNO_AUDIO_FILE, contentType: 'application/octet-stream', selected: true }] } }),
  };
}

function caseDocs(model: Model, c: ContractCase): string {
  if (c.kind !== 'example') return caseDescription(c);
  if (c.endpoint) {
    const e = model.endpoints.find((x) => x.name === c.endpoint!.name)!;
    return `**${e.titleZh}** · ${e.summary}\n\n${e.description.trim()}\n\nThe body is \`${BRUNO_AUDIO_FILE}\` in this collection's folder.`;
  }
  const action = model.actions.find((a) => a.name === c.action);
  return action ? requestMarkdown(model, action) : caseDescription(c);
}

export function caseFile(model: Model, c: ContractCase, name: string, seq: number): Record<string, unknown> {
  const action = model.actions.find((a) => a.name === c.action);
  const http = c.endpoint
    ? endpointHttp(model, c)
    : { method: 'POST', url: '{{baseUrl}}/', headers: api3Headers(model, c.action, c).map(header), body: { type: 'json', data: bodyText(action, c.params) } };
  return { info: { name, type: 'http', seq }, http, settings: SETTINGS, docs: caseDocs(model, c) };
}
