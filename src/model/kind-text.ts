// A field's type as one comparable string. Both `diff` (old model vs new) and `drift` (model vs
// Tencent's definitions) compare fields in these terms.
import type { TypeRef } from './types.js';

/** integer | number | string | boolean | object:<Type> | <kind>[] ; `number` alone when the source cannot tell integers apart. */
export type KindText = string;

export function kindOf(t: TypeRef): KindText {
  if (t.kind === 'array') return `${kindOf(t.items)}[]`;
  if (t.kind === 'named') return `object:${t.name}`;
  return t.scalar;
}
