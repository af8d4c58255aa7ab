// A field's type as one comparable string. `drift` (model vs Tencent's definitions) compares fields
// in these terms, and `diff` reads the compiled documents into the same terms (src/diff/read-schema.ts).
import type { TypeRef } from './types.js';

/** integer | number | string | boolean | object:<Type> | <kind>[] ; `number` alone when the source cannot tell integers apart. */
export type KindText = string;

export function kindOf(t: TypeRef): KindText {
  if (t.kind === 'array') return `${kindOf(t.items)}[]`;
  if (t.kind === 'named') return `object:${t.name}`;
  return t.scalar;
}
