// Postman items: one per contract case, from its request (src/collection/case-request.ts): POST
// {{baseUrl}}/ with the X-TC-* headers, a JSON body, and disabled (never sent) X-Contract-* headers
// that the collection's scripts read.
import { api3Headers, bodyText, caseDescription, endpointRequest, type HeaderDefinition } from '../collection/case-request.js';
import { requestMarkdown } from '../collection/request-markdown.js';
import type { ContractCase } from '../model/cases.js';
import type { Action, Example, Model } from '../model/types.js';
import { OUTPUT_FILES } from '../output-paths.js';
import { stableId } from './ids.js';

export interface RequestDefinition {
  method: 'POST';
  header: HeaderDefinition[];
  url: string;
  body: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } };
  description?: { content: string; type: 'text/markdown' };
}

export function apiRequest(model: Model, actionName: string, params: Record<string, unknown>, c?: ContractCase): RequestDefinition {
  const action = model.actions.find((a) => a.name === actionName);
  return { method: 'POST', header: api3Headers(model, actionName, c), url: '{{baseUrl}}/', body: { mode: 'raw', raw: bodyText(action, params), options: { raw: { language: 'json' } } } };
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

/** A flash-style endpoint case: its own host and path, the query in the URL, the audio fixture as the body. */
function endpointItem(model: Model, c: ContractCase) {
  const e = model.endpoints.find((x) => x.name === c.endpoint!.name)!;
  const r = endpointRequest(model, c);
  const query = r.query.map(([k, v]) => `${k}=${v}`).join('&');
  return {
    id: stableId('case', c.id),
    name: c.name,
    request: {
      method: r.method,
      header: r.header,
      url: `${r.base}${query ? `?${query}` : ''}`,
      body: r.emptyBody ? { mode: 'raw', raw: '' } : { mode: 'file', file: { src: OUTPUT_FILES.flashAudio } },
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
