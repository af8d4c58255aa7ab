// Parameters that name an emulator resource (`references: vocab` in specs/) must name one the store
// holds: a hot-word table, a self-learning model, a keyword library. An empty value means none.
import type { ResourceKind } from '../../model/emulator-types.js';
import type { Field } from '../../model/types.js';
import type { Store } from './store.js';

export interface MissingReference {
  field: Field;
  kind: ResourceKind;
  value: string;
}

export function missingReference(fields: readonly Field[], params: Record<string, unknown>, store: Store): MissingReference | undefined {
  for (const field of fields) {
    if (!field.references) continue;
    const raw = params[field.name];
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      if (value === undefined || value === null || value === '') continue;
      if (!store.get(field.references, value)) return { field, kind: store.kind(field.references), value: String(value) };
    }
  }
  return undefined;
}
