// Reusable parts of the OpenAPI document: shared types, per-action bodies, the Tencent envelopes
// and the common headers.
import type { OpenAPIV3_1 } from 'openapi-types';
import { allShapes, componentName, reachableTypes, responseBodySchema, shapeSchema, typeIndex, type JsonSchema, type SchemaOptions } from '../model/schema.js';
import { errorCode, optionalHeaderName } from '../model/roles.js';
import type { Action, HeaderSpec, Model } from '../model/types.js';


export const SCHEMA_OPTIONS: SchemaOptions = {
  dialect: '2020-12',
  annotations: true,
  ref: (name) => `#/components/schemas/${name}`,
};

export const ref = (name: string): { $ref: string } => ({ $ref: SCHEMA_OPTIONS.ref(name) });
export const requestComponent = (a: Action): string => `${a.name}Request`;
export const responseComponent = (a: Action): string => `${a.name}Response`;
export const envelopeComponent = (a: Action): string => `${a.name}Envelope`;
export const headerComponent = (h: HeaderSpec): string => h.name.replace(/[^A-Za-z0-9]/g, '');

export function schemaComponents(model: Model): Record<string, JsonSchema> {
  const types = typeIndex(model);
  const env = model.service.envelope;
  const out: Record<string, JsonSchema> = {};
  for (const { type, direction } of reachableTypes(allShapes(model, 'http'), types)) {
    out[componentName(type, direction)] = {
      ...shapeSchema(type.shape, direction, types, SCHEMA_OPTIONS),
      description: type.description,
    };
  }
  for (const a of model.actions) {
    out[requestComponent(a)] = { ...shapeSchema(a.request, 'request', types, SCHEMA_OPTIONS), description: `Parameters of ${a.name}.` };
    out[responseComponent(a)] = { ...responseBodySchema(a, types, SCHEMA_OPTIONS, env), description: `What ${a.name} answers inside \`${env.response}\`.` };
    out[envelopeComponent(a)] = {
      type: 'object',
      description: `Successful answer of ${a.name}.`,
      required: [env.response],
      properties: { [env.response]: ref(responseComponent(a)) },
    };
  }
  for (const e of model.endpoints) {
    out[`${e.name}Response`] = { ...shapeSchema(e.response, 'response', types, SCHEMA_OPTIONS), description: `What ${e.name} answers.` };
  }
  for (const cb of model.callbacks) {
    out[`${cb.name}Body`] = { ...shapeSchema(cb.body, 'response', types, SCHEMA_OPTIONS), description: `What the service POSTs to the ${cb.urlParameter} of ${cb.action}.` };
    out[`${cb.name}Reply`] = { ...shapeSchema(cb.reply.shape, 'response', types, SCHEMA_OPTIONS), description: cb.reply.description.trim() };
  }
  const language = optionalHeaderName(model, 'language');
  out.Error = {
    type: 'object',
    description: 'Why the call failed.',
    required: [env.code, env.message],
    properties: {
      [env.code]: { type: 'string', description: `Dotted error code, e.g. \`${errorCode(model, 'signature-failure')}\`. See the error table in the introduction.`, enum: model.errors.map((e) => e.code) },
      [env.message]: { type: 'string', description: `Human-readable detail${language ? `, in the language asked for by ${language}` : ''}.` },
    },
  };
  out.ErrorEnvelope = {
    type: 'object',
    description: 'Failed answer of any action. It arrives with HTTP status 200, like a success.',
    required: [env.response],
    properties: {
      [env.response]: {
        type: 'object',
        required: [env.error, env.requestId],
        properties: { [env.error]: ref('Error'), [env.requestId]: { type: 'string', description: 'Unique id of this request.' } },
      },
    },
  };
  return sortKeys(out);
}

export function headerParameters(model: Model): Record<string, OpenAPIV3_1.ParameterObject> {
  const out: Record<string, OpenAPIV3_1.ParameterObject> = {};
  for (const h of model.service.headers) {
    if (h.role === 'action') continue; // fixed per operation
    const schema: JsonSchema = { type: 'string' };
    if (h.enum) schema.enum = h.enum;
    out[headerComponent(h)] = {
      name: h.name,
      in: 'header',
      required: h.required,
      description: h.description,
      schema: schema as OpenAPIV3_1.ParameterObject['schema'],
      ...(h.example ? { example: h.example } : {}),
    };
  }
  return out;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
