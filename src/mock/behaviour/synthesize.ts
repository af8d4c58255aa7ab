// Builds a response from the action's response shape: bound paths take their bound value, other
// fields are filled by name from the source record, objects recurse, and fields that must always
// be present fall back to a neutral value. Every value is coerced to the field's declared type.
import { evaluateValue, type Scope } from '../../model/expr-eval.js';
import type { ValueMap } from '../../model/emulator-types.js';
import type { Field, Model, NamedType, Shape, TypeRef } from '../../model/types.js';

const MAX_DEPTH = 8;

interface Ctx {
  types: Map<string, NamedType>;
  bindings: ValueMap;
  scope: Scope;
}

const typeMaps = new WeakMap<Model, Map<string, NamedType>>();

export function synthesize(model: Model, shape: Shape, bindings: ValueMap, scope: Scope, source: unknown): Record<string, unknown> {
  let types = typeMaps.get(model);
  if (!types) {
    types = new Map(model.types.map((t) => [t.name, t]));
    typeMaps.set(model, types);
  }
  const ctx: Ctx = { types, bindings, scope };
  return fillShape(ctx, shape, '', source, 0, true);
}

function own(source: unknown, name: string): unknown {
  return source !== null && typeof source === 'object' && !Array.isArray(source) && Object.hasOwn(source, name) ? (source as Record<string, unknown>)[name] : undefined;
}

function fillShape(ctx: Ctx, shape: Shape, prefix: string, source: unknown, depth: number, bindable: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const path = prefix ? `${prefix}.${field.name}` : field.name;
    const bound = bindable && Object.hasOwn(ctx.bindings, path);
    let raw = bound ? evaluateValue(ctx.bindings[path]!, ctx.scope) : own(source, field.name);
    if (!bound && field.type.kind === 'named' && !isPlainObject(raw) && depth < MAX_DEPTH) {
      // An object field the source has no object for: build it from the same source (Data ← the record).
      raw = hasBindingUnder(ctx, path) || field.always ? (source ?? {}) : undefined;
    }
    const value = raw === undefined ? undefined : coerce(ctx, field.type, field, raw, path, depth, bindable && !bound);
    if (value !== undefined) out[field.name] = value;
    else if (field.always) out[field.name] = neutral(ctx, field, path, depth);
  }
  return out;
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function hasBindingUnder(ctx: Ctx, path: string): boolean {
  return Object.keys(ctx.bindings).some((k) => k.startsWith(`${path}.`));
}

function coerce(ctx: Ctx, t: TypeRef, field: Field, raw: unknown, path: string, depth: number, bindable: boolean): unknown {
  if (raw === null) return field.nullable ? null : undefined;
  switch (t.kind) {
    case 'array':
      return Array.isArray(raw) ? raw.map((item) => coerce(ctx, t.items, field, item, path, depth + 1, false)).filter((v) => v !== undefined) : undefined;
    case 'named': {
      if (typeof raw !== 'object' || Array.isArray(raw) || depth >= MAX_DEPTH) return undefined;
      const type = ctx.types.get(t.name)!;
      return fillShape(ctx, type.shape, path, raw, depth + 1, bindable);
    }
    case 'scalar':
      return coerceScalar(t.scalar, raw);
  }
}

function coerceScalar(scalar: string, raw: unknown): unknown {
  switch (scalar) {
    case 'string':
      return typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
    case 'integer': {
      const n = typeof raw === 'boolean' ? Number(raw) : Number(raw);
      return raw !== '' && Number.isFinite(n) ? Math.trunc(n) : undefined;
    }
    case 'number': {
      const n = Number(raw);
      return raw !== '' && typeof raw !== 'boolean' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? raw : raw === 'true' || raw === 1 ? true : raw === 'false' || raw === 0 ? false : undefined;
    default:
      return undefined;
  }
}

/** The value of a field that must be present but has nothing to say. */
function neutral(ctx: Ctx, field: Field, path: string, depth: number): unknown {
  if (field.nullable) return null;
  const t = field.type;
  if (t.kind === 'array') return [];
  if (t.kind === 'named') return depth < MAX_DEPTH ? fillShape(ctx, ctx.types.get(t.name)!.shape, path, {}, depth + 1, false) : {};
  const c = field.constraints;
  if (c.enum && c.enum.length > 0) return c.enum[0];
  switch (t.scalar) {
    case 'string':
      return '';
    case 'boolean':
      return false;
    default:
      return c.minimum !== undefined && c.minimum > 0 ? c.minimum : 0;
  }
}
