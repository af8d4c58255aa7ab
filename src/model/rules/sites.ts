// Every field of the model with the file and path it was declared at, for rules to point into.
import type { Sources } from '../build.js';
import type { SpecFile } from '../../spec/load.js';
import type { SpecPath } from '../../spec/locate.js';
import type { Direction } from '../schema.js';
import type { Field, Model } from '../types.js';

export interface FieldSite {
  field: Field;
  file: SpecFile;
  path: SpecPath;
  /** Directions the field can travel in. */
  directions: Direction[];
  owner: string;
}

export function fieldSites(model: Model, sources: Sources): FieldSite[] {
  const sites: FieldSite[] = [];
  for (const a of model.actions) {
    const file = sources.actions.get(a.name)!;
    for (const f of a.request.fields) sites.push({ field: f, file, path: ['request', 'fields', f.name], directions: ['request'], owner: a.name });
    for (const f of a.response.fields) sites.push({ field: f, file, path: ['response', 'fields', f.name], directions: ['response'], owner: a.name });
  }
  for (const t of model.types) {
    const file = sources.types.get(t.name)!;
    const directions: Direction[] = t.usage === 'both' ? ['request', 'response'] : t.usage === 'in' ? ['request'] : ['response'];
    for (const f of t.shape.fields) sites.push({ field: f, file, path: ['fields', f.name], directions, owner: t.name });
  }
  return sites;
}
