// One Postman request per action: POST {{baseUrl}}/ with the X-TC-* headers, an example body,
// a markdown description and the spec's examples saved as example responses.
import type { Action, Example, Model } from '../model/types.js';
import { stableId } from './ids.js';
import { requestMarkdown } from './markdown.js';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface RequestDefinition {
  method: 'POST';
  header: { key: string; value: string; disabled?: boolean; description?: string }[];
  url: string;
  body: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } };
  description?: { content: string; type: 'text/markdown' };
}

export function apiRequest(model: Model, action: Action, body: unknown): RequestDefinition {
  return {
    method: 'POST',
    header: [
      { key: 'Content-Type', value: JSON_CONTENT_TYPE },
      { key: 'X-TC-Action', value: action.name },
      { key: 'X-TC-Version', value: model.service.version },
      { key: 'X-TC-Region', value: '{{region}}' },
    ],
    url: '{{baseUrl}}/',
    body: { mode: 'raw', raw: JSON.stringify(body, null, 2), options: { raw: { language: 'json' } } },
  };
}

function savedResponse(model: Model, action: Action, example: Example) {
  return {
    id: stableId('example', action.name, example.title),
    name: example.title,
    originalRequest: apiRequest(model, action, example.request),
    status: 'OK',
    code: 200,
    header: [{ key: 'Content-Type', value: 'application/json' }],
    body: JSON.stringify({ Response: example.response }, null, 2),
  };
}

export function actionItem(model: Model, action: Action) {
  const first = action.examples[0]!;
  return {
    id: stableId('item', action.name),
    name: action.name,
    request: { ...apiRequest(model, action, first.request), description: { content: requestMarkdown(model, action), type: 'text/markdown' as const } },
    response: action.examples.map((e) => savedResponse(model, action, e)),
  };
}
