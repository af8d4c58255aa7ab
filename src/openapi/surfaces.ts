// The non-API-3.0 surfaces in OpenAPI: flash recognition as an operation on its own server, and
// the two callbacks as OpenAPI callbacks on the actions that name a callback URL.
import { describeAudio } from '../model/audio-text.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { endpointTitle } from '../model/cases.js';
import { fieldSchema, typeIndex } from '../model/schema.js';
import type { Callback, Endpoint } from '../model/surface-types.js';
import type { Model } from '../model/types.js';
import { endpointSamples } from '../samples/flash/index.js';
import { ref, SCHEMA_OPTIONS } from './components.js';
import { slug } from './operation.js';

export const endpointSecurityScheme = (e: Endpoint): string => `${e.name}Signature`;
export const endpointTag = endpointTitle;

function codeTable(codes: Endpoint['codes']): string {
  return ['| Code | Meaning |', '|---|---|', ...codes.map((c) => `| \`${c.code}\` | ${c.description.replace(/\s*\n\s*/g, ' ')} |`)].join('\n');
}

export function endpointPathItem(model: Model, e: Endpoint): OpenAPIV3_1.PathItemObject {
  const types = typeIndex(model);
  const parameter = (f: Endpoint['query']['fields'][number], where: 'path' | 'query'): OpenAPIV3_1.ParameterObject => ({
    name: f.name,
    in: where,
    required: where === 'path' || f.required,
    description: f.description.trim(),
    schema: fieldSchema({ ...f, description: '' }, 'request', types, { ...SCHEMA_OPTIONS, annotations: false }) as OpenAPIV3_1.ParameterObject['schema'],
    ...(f.deprecated ? { deprecated: true } : {}),
  });
  const success = e.examples.filter((x) => x.response);
  const servers = [{ url: `https://${e.host}`, description: `${e.titleZh}: its own host, not the API 3.0 endpoint.` }];
  return {
    // Path-level servers reach orval (baseUrl.getBaseUrlFromSpecification); operation-level ones
    // reach openapi-to-postmanv2. Each tool reads only one of the two places.
    servers,
    [e.method.toLowerCase()]: {
      operationId: e.name,
      servers,
      summary: e.summary,
      description: [`**${e.titleZh}**`, e.description.trim(), '### Signature', e.signature.description.trim(), '### Codes', codeTable(e.codes)].join('\n\n'),
      tags: [endpointTag(e)],
      parameters: [...e.pathParameters.map((f) => parameter(f, 'path')), ...e.query.fields.map((f) => parameter(f, 'query'))],
      requestBody: {
        required: true,
        description: e.body.audio ? `${e.body.description.trim()}\n\n${describeAudio(e.body.audio)}` : e.body.description.trim(),
        content: { [e.body.contentType]: { schema: { type: 'string', contentMediaType: e.body.contentType, maxLength: e.body.maxBytes } as OpenAPIV3_1.SchemaObject } },
      },
      responses: {
        '200': {
          description: 'Success or failure: `code` is 0 on success.',
          content: { 'application/json': { schema: ref(`${e.name}Response`), examples: Object.fromEntries(success.map((x) => [slug(x.title), { summary: x.title, value: x.response }])) } },
        },
      },
      security: [{ [endpointSecurityScheme(e)]: [] }],
      'x-mutating': e.mutating,
      'x-codeSamples': endpointSamples(e),
    } as OpenAPIV3_1.OperationObject,
  } as OpenAPIV3_1.PathItemObject;
}

export function endpointSecuritySchemes(model: Model): Record<string, OpenAPIV3_1.SecuritySchemeObject> {
  return Object.fromEntries(
    model.endpoints.map((e) => [endpointSecurityScheme(e), { type: 'apiKey', in: 'header', name: e.signature.header ?? 'Authorization', description: e.signature.description.trim() } as OpenAPIV3_1.SecuritySchemeObject]),
  );
}

/** `callbacks` for one action's operation: `{$request.body#/CallbackUrl}` receives the POST. */
export function actionCallbacks(model: Model, action: string): Record<string, OpenAPIV3_1.CallbackObject> | undefined {
  const list = model.callbacks.filter((cb) => cb.action === action);
  if (list.length === 0) return undefined;
  // openapi-types mixes 3.0 and 3.1 in PathItemObject; the value is 3.1.
  return Object.fromEntries(list.map((cb) => [cb.name, { [`{$request.body#/${cb.urlParameter}}`]: { post: callbackOperation(cb) } }])) as Record<string, OpenAPIV3_1.CallbackObject>;
}

function callbackOperation(cb: Callback): OpenAPIV3_1.OperationObject {
  const ex = cb.examples.find((x) => x.body !== undefined);
  return {
    operationId: cb.name,
    summary: cb.summary,
    description: [`**${cb.titleZh}**`, cb.description.trim(), `Retries: ${cb.retry.description.trim()}`, ...(cb.codes.length ? ['### Codes', codeTable(cb.codes)] : [])].join('\n\n'),
    parameters: cb.headers.map((h) => ({ name: h.name, in: 'header', required: true, description: h.description.trim(), schema: { type: 'string' } })),
    requestBody: {
      required: true,
      content: { [cb.contentType]: { schema: ref(`${cb.name}Body`), ...(ex ? { examples: { [slug(ex.title)]: { summary: ex.title, value: ex.body } } } : {}) } },
    },
    responses: {
      '200': {
        description: cb.reply.description.trim(),
        content: { 'application/json': { schema: ref(`${cb.name}Reply`), ...(cb.reply.success ? { examples: { success: { summary: 'Handled', value: cb.reply.success } } } : {}) } },
      },
    },
    security: [],
  } as OpenAPIV3_1.OperationObject;
}
