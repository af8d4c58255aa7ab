// IR → JSON Schema. One generator for every consumer:
//  - OpenAPI components (2020-12, refs into #/components/schemas),
//  - self-contained validators for ajv 8 in Node (2020-12, $defs),
//  - schemas embedded in the Postman collection for ajv 6 in the sandbox (draft-07, definitions).
import { describeAudio } from './audio-text.js';
import type { Action, Envelope, Field, Model, NamedType, Shape, TypeRef } from './types.js';

export type Dialect = '2020-12' | 'draft-07';
export type Direction = 'request' | 'response';
export type JsonSchema = Record<string, unknown>;

export interface SchemaOptions {
  dialect: Dialect;
  /** Keep descriptions, examples and deprecation marks (documents) or drop them (validators). */
  annotations: boolean;
  /** How a named type is referenced. */
  ref: (component: string) => string;
}

/** Component name of a shared type as seen from one direction. Types used both ways get an `Input` twin. */
export function componentName(type: NamedType, direction: Direction): string {
  return type.usage === 'both' && direction === 'request' ? `${type.name}Input` : type.name;
}

/** The directions a shared type may travel in, by its `usage`. */
export function typeDirections(type: NamedType): Direction[] {
  return type.usage === 'both' ? ['request', 'response'] : type.usage === 'in' ? ['request'] : ['response'];
}

export function typeIndex(model: Model): Map<string, NamedType> {
  return new Map(model.types.map((t) => [t.name, t]));
}

export function fieldSchema(field: Field, direction: Direction, types: Map<string, NamedType>, opts: SchemaOptions): JsonSchema {
  const nullable = direction === 'response' && field.nullable;
  const base = typeSchema(field.type, field.format, direction, types, opts);
  applyConstraints(base, field);
  if (nullable) makeNullable(base);
  if (opts.annotations) {
    const annotated: JsonSchema = { description: field.audio ? `${field.description.trimEnd()}\n\n${describeAudio(field.audio)}` : field.description };
    if (field.deprecated) annotated.deprecated = true;
    if (field.default !== undefined) annotated.default = field.default;
    if (field.example !== undefined) annotated.examples = [field.example];
    // A $ref with siblings is fine in 2020-12; keep the ref first for readability.
    return { ...base, ...annotated };
  }
  return base;
}

function typeSchema(t: TypeRef, format: string | undefined, direction: Direction, types: Map<string, NamedType>, opts: SchemaOptions): JsonSchema {
  switch (t.kind) {
    case 'scalar': {
      const s: JsonSchema = { type: t.scalar };
      if (format) s.format = format;
      if (format === 'uint64') s.minimum = 0;
      if (format === 'byte' && opts.dialect === '2020-12') s.contentEncoding = 'base64';
      return s;
    }
    case 'named': {
      const named = types.get(t.name);
      if (!named) throw new Error(`unresolved type ${t.name}`); // build.ts guarantees resolution
      return { $ref: opts.ref(componentName(named, direction)) };
    }
    case 'array':
      return { type: 'array', items: typeSchema(t.items, format, direction, types, opts) };
  }
}

/** Value constraints apply to the value, or to each member of a list; item counts to the list. */
function applyConstraints(base: JsonSchema, field: Field): void {
  const c = field.constraints;
  const value = field.type.kind === 'array' ? (base.items as JsonSchema) : base;
  if (c.enum) value.enum = [...c.enum];
  if (c.minimum !== undefined) value.minimum = c.minimum;
  if (c.maximum !== undefined) value.maximum = c.maximum;
  if (c.minLength !== undefined) value.minLength = c.minLength;
  if (c.maxLength !== undefined) value.maxLength = c.maxLength;
  if (c.pattern !== undefined) value.pattern = c.pattern;
  if (c.maxBytes !== undefined) value.maxLength = Math.min(base64Length(c.maxBytes), c.maxLength ?? Infinity);
  if (c.minItems !== undefined) base.minItems = c.minItems;
  if (c.maxItems !== undefined) base.maxItems = c.maxItems;
}

/** Length of the base64 text that carries `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

function makeNullable(s: JsonSchema): void {
  if (typeof s.type === 'string') {
    s.type = [s.type, 'null'];
    if (Array.isArray(s.enum)) s.enum = [...s.enum, null];
  } else if (typeof s.$ref === 'string') {
    const ref = s.$ref;
    delete s.$ref;
    s.anyOf = [{ $ref: ref }, { type: 'null' }];
  }
}

export function shapeSchema(shape: Shape, direction: Direction, types: Map<string, NamedType>, opts: SchemaOptions): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const f of shape.fields) properties[f.name] = fieldSchema(f, direction, types, opts);
  const required = shape.fields.filter((f) => (direction === 'request' ? f.required : f.always)).map((f) => f.name);
  const s: JsonSchema = { type: 'object', properties };
  if (required.length > 0) s.required = required;
  if (direction === 'request') {
    // The service refuses parameters it does not know (UnknownParameter); responses may grow.
    s.additionalProperties = false;
    const rules = ruleSchemas(shape);
    if (rules.length > 0) s.allOf = rules;
  }
  return s;
}

function ruleSchemas(shape: Shape): JsonSchema[] {
  const defaults = new Map(shape.fields.map((f) => [f.name, f.default]));
  return shape.rules.map((r) => {
    // Each branch restates the names it requires (as empty schemas) so that it reads on its own, and
    // says `additionalProperties: true` because some validators (Redocly's example check) treat an
    // object schema without it as closed.
    const named = (names: string[]): JsonSchema => ({ properties: Object.fromEntries(names.map((n) => [n, {}])), required: names, additionalProperties: true });
    const then: JsonSchema = r.require ? named(r.require) : {};
    if (r.requireOneOf) then.anyOf = r.requireOneOf.map((n) => named([n]));
    if (!r.when) return then;
    const when = Object.entries(r.when);
    return {
      if: {
        properties: Object.fromEntries(when.map(([k, v]) => [k, { const: v }])),
        // A parameter left out takes its default, so a rule on the default value applies to its absence too.
        required: when.filter(([k, v]) => defaults.get(k) !== v).map(([k]) => k),
      },
      then,
    };
  });
}

/** The object inside the envelope's response member on success: the action's fields plus the request id. */
export function responseBodySchema(action: Action, types: Map<string, NamedType>, opts: SchemaOptions, envelope: Envelope): JsonSchema {
  const s = shapeSchema(action.response, 'response', types, opts);
  const properties = s.properties as Record<string, JsonSchema>;
  properties[envelope.requestId] = opts.annotations
    ? { type: 'string', description: 'Unique id of this request; quote it when reporting a problem.' }
    : { type: 'string' };
  s.required = [...((s.required as string[] | undefined) ?? []), envelope.requestId];
  // Without this, an error envelope would also satisfy an action whose only field is the request id.
  s.not = { properties: { [envelope.error]: {} }, required: [envelope.error] };
  return s;
}

/** Shared types reachable from a shape, each with the direction it is seen from. */
export function reachableTypes(shapes: { shape: Shape; direction: Direction }[], types: Map<string, NamedType>): { type: NamedType; direction: Direction }[] {
  const out = new Map<string, { type: NamedType; direction: Direction }>();
  const visit = (shape: Shape, direction: Direction): void => {
    for (const f of shape.fields) {
      let t = f.type;
      while (t.kind === 'array') t = t.items;
      if (t.kind !== 'named') continue;
      const named = types.get(t.name);
      if (!named) continue;
      const key = componentName(named, direction);
      if (out.has(key)) continue;
      out.set(key, { type: named, direction });
      visit(named.shape, direction);
    }
  };
  for (const s of shapes) visit(s.shape, s.direction);
  return [...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, v]) => v);
}

/** A schema that stands alone: the root plus the definitions it needs, for ajv. */
export function standaloneSchema(root: JsonSchema, shapes: { shape: Shape; direction: Direction }[], types: Map<string, NamedType>, opts: Omit<SchemaOptions, 'ref'>): JsonSchema {
  const defsKey = opts.dialect === '2020-12' ? '$defs' : 'definitions';
  const full: SchemaOptions = { ...opts, ref: (name) => `#/${defsKey}/${name}` };
  const defs: Record<string, JsonSchema> = {};
  for (const { type, direction } of reachableTypes(shapes, types)) {
    defs[componentName(type, direction)] = shapeSchema(type.shape, direction, types, full);
  }
  const dialectUri = opts.dialect === '2020-12' ? 'https://json-schema.org/draft/2020-12/schema' : 'http://json-schema.org/draft-07/schema#';
  const out: JsonSchema = { $schema: dialectUri, ...root };
  if (Object.keys(defs).length > 0) out[defsKey] = defs;
  return out;
}

export interface ActionSchemas {
  request: JsonSchema;
  /** The object inside `Response` on success. */
  response: JsonSchema;
}

export function actionSchemas(model: Model, action: Action, opts: Omit<SchemaOptions, 'ref'>): ActionSchemas {
  const types = typeIndex(model);
  const defsKey = opts.dialect === '2020-12' ? '$defs' : 'definitions';
  const full: SchemaOptions = { ...opts, ref: (name) => `#/${defsKey}/${name}` };
  return {
    request: standaloneSchema(shapeSchema(action.request, 'request', types, full), [{ shape: action.request, direction: 'request' }], types, opts),
    response: standaloneSchema(responseBodySchema(action, types, full, model.service.envelope), [{ shape: action.response, direction: 'response' }], types, opts),
  };
}

/**
 * Every shape of the model with the direction it travels in: what shared types are reachable from.
 * `http` leaves out the WebSocket messages, which belong to the AsyncAPI document.
 */
export function allShapes(model: Model, only: 'all' | 'http' = 'all'): { shape: Shape; direction: Direction }[] {
  return [
    ...model.actions.flatMap((a) => [
      { shape: a.request, direction: 'request' as const },
      { shape: a.response, direction: 'response' as const },
    ]),
    ...model.endpoints.flatMap((e) => [
      { shape: e.query, direction: 'request' as const },
      { shape: e.response, direction: 'response' as const },
    ]),
    ...(only === 'http' ? [] : model.channels).flatMap((c) => c.messages.filter((m) => m.payload).map((m) => ({ shape: m.payload!, direction: m.direction === 'send' ? ('request' as const) : ('response' as const) }))),
    ...model.callbacks.flatMap((cb) => [
      { shape: cb.body, direction: 'response' as const },
      { shape: cb.reply.shape, direction: 'response' as const },
    ]),
  ];
}
