// A shared type declares which way it travels; using it the other way means its required and
// always lists were never written for that direction. Unused types are reported as clutter.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import type { Sources } from '../build.js';
import type { Model, TypeRef } from '../types.js';
import { fieldSites } from './sites.js';

function named(t: TypeRef): string | undefined {
  return t.kind === 'array' ? named(t.items) : t.kind === 'named' ? t.name : undefined;
}

export function checkTypeUsage(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const types = new Map(model.types.map((t) => [t.name, t]));
  const used = new Set<string>();
  for (const { field, file, path, directions } of fieldSites(model, sources)) {
    const name = named(field.type);
    const t = name ? types.get(name) : undefined;
    if (!t) continue;
    used.add(t.name);
    for (const d of directions) {
      const allowed = t.usage === 'both' || (t.usage === 'in') === (d === 'request');
      if (!allowed) {
        out.push(diagnosticAt(file, [...path, 'type'], 'type-usage', `type \`${t.name}\` is declared \`usage: ${t.usage}\` but is used in a ${d}`, { hint: 'set usage to both in its file, and give it the required/always lists for both sides' }));
      }
    }
  }
  for (const t of model.types) {
    if (!used.has(t.name)) out.push(diagnosticAt(sources.types.get(t.name)!, ['type'], 'unused-type', `type \`${t.name}\` is not used by any action`, { severity: 'warning' }));
  }
  return out;
}
