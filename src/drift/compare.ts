// Differences between the specs and one of Tencent's definitions, as a flat list of findings.
import type { RefShape, Reference } from './reference.js';

export type DriftKind =
  | 'action-only-in-reference'
  | 'action-only-in-specs'
  | 'type-only-in-reference'
  | 'type-only-in-specs'
  | 'field-only-in-reference'
  | 'field-only-in-specs'
  | 'required-mismatch'
  | 'presence-mismatch'
  | 'nullable-mismatch'
  | 'deprecated-mismatch'
  | 'type-mismatch';

export interface DriftFinding {
  kind: DriftKind;
  /** `CreateRecTask.request.ChannelNum`, `types.HotWord.Weight`, … */
  where: string;
  specs?: string;
  reference?: string;
}

/** Our kinds say integer where a declaration-only source can only say number. */
function comparableKind(kind: string, integers: boolean): string {
  return integers ? kind : kind.replace(/\binteger\b/g, 'number');
}

function compareShapes(where: string, ours: RefShape, theirs: RefShape, ref: Reference, checkRequired: boolean, out: DriftFinding[]): void {
  for (const [name, f] of ours.fields) {
    const t = theirs.fields.get(name);
    const at = `${where}.${name}`;
    if (!t) {
      out.push({ kind: 'field-only-in-specs', where: at });
      continue;
    }
    const a = comparableKind(f.kind, ref.knows.integers);
    const b = comparableKind(t.kind, ref.knows.integers);
    if (a !== b) out.push({ kind: 'type-mismatch', where: at, specs: a, reference: b });
    const word = (flag: boolean, yes: string, no: string): string => (flag ? yes : no);
    if (checkRequired && f.required !== t.required) {
      out.push({ kind: 'required-mismatch', where: at, specs: word(f.required, 'required', 'optional'), reference: word(t.required, 'required', 'optional') });
    }
    if (ref.knows.always && f.always !== undefined && t.always !== undefined && f.always !== t.always) {
      out.push({ kind: 'presence-mismatch', where: at, specs: word(f.always, 'always present', 'optional'), reference: word(t.always, 'always present', 'optional') });
    }
    if (ref.knows.nullable && f.nullable !== undefined && t.nullable !== undefined && f.nullable !== t.nullable) {
      out.push({ kind: 'nullable-mismatch', where: at, specs: word(f.nullable, 'nullable', 'never null'), reference: word(t.nullable, 'nullable', 'never null') });
    }
    if (f.deprecated !== t.deprecated) out.push({ kind: 'deprecated-mismatch', where: at, specs: word(f.deprecated, 'deprecated', 'current'), reference: word(t.deprecated, 'deprecated', 'current') });
  }
  for (const name of theirs.fields.keys()) if (!ours.fields.has(name)) out.push({ kind: 'field-only-in-reference', where: `${where}.${name}` });
}

export function compareReferences(specs: Reference, ref: Reference): DriftFinding[] {
  const out: DriftFinding[] = [];
  for (const [name, a] of specs.actions) {
    const b = ref.actions.get(name);
    if (!b) {
      out.push({ kind: 'action-only-in-specs', where: name });
      continue;
    }
    compareShapes(`${name}.request`, a.request, b.request, ref, true, out);
    // Declaration-only sources mark every response field optional, so requiredness means nothing there.
    compareShapes(`${name}.response`, a.response, b.response, ref, false, out);
  }
  for (const name of ref.actions.keys()) if (!specs.actions.has(name)) out.push({ kind: 'action-only-in-reference', where: name });
  for (const [name, a] of specs.types) {
    const b = ref.types.get(name);
    if (!b) out.push({ kind: 'type-only-in-specs', where: `types.${name}` });
    else compareShapes(`types.${name}`, a, b, ref, true, out);
  }
  for (const name of ref.types.keys()) if (!specs.types.has(name)) out.push({ kind: 'type-only-in-reference', where: `types.${name}` });
  return out.sort((x, y) => x.where.localeCompare(y.where) || x.kind.localeCompare(y.kind));
}
