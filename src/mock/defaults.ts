// A parameter left out takes its documented default, as the service reads it.
import type { Shape } from '../model/types.js';

const cache = new WeakMap<Shape, Record<string, unknown>>();

export function withDefaults(shape: Shape, params: Record<string, unknown>): Record<string, unknown> {
  let defaults = cache.get(shape);
  if (!defaults) {
    defaults = Object.fromEntries(shape.fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
    cache.set(shape, defaults);
  }
  return { ...defaults, ...params };
}
