// Dotted paths into a response (`Data.TaskId`), as emulator bindings and workflow captures use them.
import type { Field, Model, Shape } from './types.js';

/** The field a dotted path names, walking through shared object types (not through lists). */
export function responseField(model: Model, shape: Shape, path: readonly string[]): Field | undefined {
  const [head, ...rest] = path;
  const f = shape.fields.find((x) => x.name === head);
  if (!f || rest.length === 0) return f;
  if (f.type.kind !== 'named') return undefined;
  const name = f.type.name;
  const t = model.types.find((x) => x.name === name);
  return t ? responseField(model, t.shape, rest) : undefined;
}
