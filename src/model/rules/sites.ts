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
  const add = (fields: Field[], file: SpecFile, prefix: (string | number)[], direction: Direction, owner: string): void => {
    for (const f of fields) sites.push({ field: f, file, path: [...prefix, 'fields', f.name], directions: [direction], owner });
  };
  for (const e of model.endpoints) {
    const file = sources.surfaces.get(e.name)!;
    for (const f of e.pathParameters) sites.push({ field: f, file, path: ['pathParameters', f.name], directions: ['request'], owner: e.name });
    add(e.query.fields, file, ['query'], 'request', e.name);
    add(e.response.fields, file, ['response'], 'response', e.name);
  }
  for (const c of model.channels) {
    const file = sources.surfaces.get(c.name)!;
    for (const f of c.pathParameters) sites.push({ field: f, file, path: ['pathParameters', f.name], directions: ['request'], owner: c.name });
    add(c.query.fields, file, ['query'], 'request', c.name);
    for (const m of c.messages) if (m.payload) add(m.payload.fields, file, ['messages', m.name, 'payload'], m.direction === 'send' ? 'request' : 'response', `${c.name}.${m.name}`);
  }
  for (const cb of model.callbacks) {
    const file = sources.surfaces.get(cb.name)!;
    // The service sends the body (like an answer); the receiver sends the reply.
    add(cb.body.fields, file, ['body'], 'response', cb.name);
    add(cb.reply.shape.fields, file, ['reply'], 'request', cb.name);
  }
  for (const t of model.types) {
    const file = sources.types.get(t.name)!;
    const directions: Direction[] = t.usage === 'both' ? ['request', 'response'] : t.usage === 'in' ? ['request'] : ['response'];
    for (const f of t.shape.fields) sites.push({ field: f, file, path: ['fields', f.name], directions, owner: t.name });
  }
  return sites;
}
