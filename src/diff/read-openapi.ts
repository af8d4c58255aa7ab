// An OpenAPI document → the view: operations with their request, query and response shapes,
// callbacks, shared types, texts, examples and the error catalogue.
import { SchemaReader, type JsonSchema } from './read-schema.js';
import { canonical, emptyView, type ContractView, type ViewError } from './view.js';
import { authoredText, documentedCodes, ruleLines } from './read-texts.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const object = (v: unknown): JsonSchema => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonSchema) : {});
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The JSON schema and named examples of a request body or response. */
function content(holder: unknown): { schema?: unknown; examples: [string, unknown][] } {
  const entries = Object.entries(object(object(holder).content));
  const json = entries.find(([type]) => type.includes('json')) ?? entries[0];
  if (!json) return { examples: [] };
  const media = object(json[1]);
  return { schema: media.schema, examples: Object.entries(object(media.examples)).map(([k, v]) => [k, object(v).value]) };
}

export function readOpenApi(doc: unknown): ContractView {
  const d = object(doc);
  const view = emptyView();
  const reader = new SchemaReader(object(object(d.components).schemas));
  const info = object(d.info);
  if (typeof info.version === 'string' && SEMVER.test(info.version)) view.version = info.version;
  if (typeof info.description === 'string') view.texts.set('service', { description: authoredText(info.description) });
  for (const tag of Array.isArray(d.tags) ? d.tags.map(object) : []) {
    if (typeof tag.name === 'string') view.texts.set(`tags.${tag.name}`, { description: String(tag.description ?? '') });
  }

  const examplesOf = (owner: string, list: [string, unknown][], label: string): void => {
    if (list.length === 0) return;
    const map = view.examples.get(owner) ?? new Map<string, string>();
    for (const [k, v] of list) map.set(`${label} ${k}`, canonical(v));
    view.examples.set(owner, map);
  };

  const operation = (op: JsonSchema): void => {
    const name = op.operationId;
    if (typeof name !== 'string') return;
    const description = typeof op.description === 'string' ? op.description : '';
    view.texts.set(name, { summary: String(op.summary ?? ''), description: authoredText(description) });
    const body = content(op.requestBody);
    const isAction = body.schema !== undefined && reader.deref(body.schema)?.type === 'object';
    view.surfaces.set(name, isAction ? 'action' : 'endpoint');
    if (isAction) {
      view.shapes.set(`${name}.request`, reader.shape(body.schema, 'request', ruleLines(description)));
      view.actionErrors.set(name, documentedCodes(description));
      examplesOf(name, body.examples, 'request');
    }
    const query = (Array.isArray(op.parameters) ? op.parameters : []).map(object).filter((p) => p.in === 'query');
    if (query.length > 0) {
      const schema = { type: 'object', required: query.filter((p) => p.required === true).map((p) => p.name), properties: Object.fromEntries(query.map((p) => [p.name, { ...object(p.schema), ...pick(p, ['description', 'deprecated', 'example']) }])) };
      view.shapes.set(`${name}.query`, reader.shape(schema, 'request'));
    }
    const ok = content(object(op.responses)['200']);
    if (ok.schema !== undefined) view.shapes.set(`${name}.response`, reader.shape(successBody(reader, ok.schema), 'response'));
    examplesOf(name, ok.examples, 'response');
    for (const [cbName, cb] of Object.entries(object(op.callbacks))) {
      for (const item of Object.values(object(cb))) {
        const delivery = object(object(item).post);
        const sent = content(delivery.requestBody);
        view.surfaces.set(cbName, 'callback');
        view.texts.set(cbName, { summary: String(delivery.summary ?? ''), description: authoredText(String(delivery.description ?? '')) });
        if (sent.schema !== undefined) view.shapes.set(`${cbName}.body`, reader.shape(sent.schema, 'response'));
        examplesOf(cbName, sent.examples, 'body');
      }
    }
  };
  for (const item of Object.values(object(d.paths))) for (const m of METHODS) if (object(item)[m]) operation(object(object(item)[m]));

  for (const [name, shape] of reader.typeShapes()) view.shapes.set(`types.${name}`, shape);
  for (const [name, s] of reader.types) {
    const schema = s.response ?? s.request;
    if (typeof schema?.description === 'string') view.texts.set(`types.${name}`, { description: schema.description });
  }
  const catalogue = object(d['x-error-codes']);
  if (Object.keys(catalogue).length > 0) {
    view.errors = new Map(Object.entries(catalogue).map(([code, e]): [string, ViewError] => [code, { ...pick(object(e), ['description']), messages: object(object(e).message) as Record<string, string> }]));
  }
  return view;
}

/**
 * The object a success carries. An API 3.0 answer is `oneOf` a success envelope and the error
 * envelope, the success first, and each envelope has the one member (`Response`) around the body.
 */
function successBody(reader: SchemaReader, schema: unknown): unknown {
  let s = reader.deref(schema) ?? {};
  if (Array.isArray(s.oneOf) && s.oneOf.length > 0) s = reader.deref(s.oneOf[0]) ?? {};
  const members = Object.values(object(s.properties));
  const required = Array.isArray(s.required) ? s.required : [];
  if (members.length === 1 && required.length === 1 && reader.deref(members[0])?.properties) return members[0];
  return s;
}

function pick(o: JsonSchema, keys: readonly string[]): JsonSchema {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
