// GET and legacy-signed requests carry parameters as flat strings (`WordWeights.0.Word=…`).
// They are rebuilt into the JSON shape and converted to the declared scalar types, so one
// validator serves every request form.
import type { Field, Model, Shape, TypeRef } from '../../model/types.js';
import { ApiError } from '../errors.js';

type Json = Record<string, unknown> | unknown[];

export function unflatten(flat: Record<string, string>, invalidCode: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node: Json = root;
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      if (part === '' || part === '__proto__' || part === 'constructor' || part === 'prototype') throw new ApiError(invalidCode, key);
      const slot = Array.isArray(node) ? Number(part) : part;
      if (Array.isArray(node) && (!/^\d+$/.test(part) || Number(part) > 10000)) throw new ApiError(invalidCode, key);
      const container = node as Record<string | number, unknown>;
      if (last) {
        if (container[slot] !== undefined) throw new ApiError(invalidCode, key);
        container[slot] = value;
      } else {
        const wantArray = /^\d+$/.test(parts[i + 1]!);
        const existing = container[slot];
        if (existing === undefined) container[slot] = wantArray ? [] : {};
        else if (typeof existing !== 'object' || Array.isArray(existing) !== wantArray) throw new ApiError(invalidCode, key);
        node = container[slot] as Json;
      }
    }
  }
  return root;
}

/** Converts strings to the scalar types the shape declares; anything unconvertible is left for the validator to name. */
export function coerceToShape(model: Model, shape: Shape, value: Record<string, unknown>): Record<string, unknown> {
  const types = new Map(model.types.map((t) => [t.name, t]));
  const convert = (t: TypeRef, v: unknown, depth: number): unknown => {
    if (depth > 16) return v;
    if (t.kind === 'array') {
      if (Array.isArray(v)) return v.filter((x) => x !== undefined).map((x) => convert(t.items, x, depth + 1));
      if (v !== null && typeof v === 'object') return Object.values(v).map((x) => convert(t.items, x, depth + 1));
      return v;
    }
    if (t.kind === 'named') {
      const named = types.get(t.name);
      return named && v !== null && typeof v === 'object' && !Array.isArray(v) ? shapeOf(named.shape, v as Record<string, unknown>, depth + 1) : v;
    }
    if (typeof v !== 'string') return v;
    if (t.scalar === 'integer' || t.scalar === 'number') return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) ? Number(v) : v;
    if (t.scalar === 'boolean') return v === 'true' ? true : v === 'false' ? false : v;
    return v;
  };
  const shapeOf = (s: Shape, obj: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const byName = new Map<string, Field>(s.fields.map((f) => [f.name, f]));
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, byName.has(k) ? convert(byName.get(k)!.type, v, depth) : v]));
  };
  return shapeOf(shape, value, 0);
}
