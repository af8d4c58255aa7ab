// Every field of the model with the file and path it was declared at, for rules to point into.
import type { Sources } from '../build.js';
import type { SpecFile } from '../../spec/load.js';
import type { SpecPath } from '../../spec/locate.js';
import { componentName, typeDirections, type Direction } from '../schema.js';
import type { Field, Model } from '../types.js';

export interface FieldSite {
  field: Field;
  file: SpecFile;
  path: SpecPath;
  /** Directions the field can travel in. */
  directions: Direction[];
  owner: string;
  /** The ModelValidators key of the shape holding the field, per direction (none for path parameters). */
  shapeKeys: Partial<Record<Direction, string>>;
}

export function fieldSites(model: Model, sources: Sources): FieldSite[] {
  const sites: FieldSite[] = [];
  const add = (fields: Field[], file: SpecFile, prefix: SpecPath, direction: Direction, owner: string, key?: string): void => {
    for (const f of fields) sites.push({ field: f, file, path: [...prefix, f.name], directions: [direction], owner, shapeKeys: key ? { [direction]: key } : {} });
  };
  for (const a of model.actions) {
    const file = sources.actions.get(a.name)!;
    add(a.request.fields, file, ['request', 'fields'], 'request', a.name, `request.${a.name}`);
    add(a.response.fields, file, ['response', 'fields'], 'response', a.name, `response.${a.name}`);
  }
  for (const e of model.endpoints) {
    const file = sources.surfaces.get(e.name)!;
    add(e.pathParameters, file, ['pathParameters'], 'request', e.name);
    add(e.query.fields, file, ['query', 'fields'], 'request', e.name, `query.${e.name}`);
    add(e.response.fields, file, ['response', 'fields'], 'response', e.name, `response.${e.name}`);
  }
  for (const c of model.channels) {
    const file = sources.surfaces.get(c.name)!;
    add(c.pathParameters, file, ['pathParameters'], 'request', c.name);
    add(c.query.fields, file, ['query', 'fields'], 'request', c.name, `query.${c.name}`);
    for (const m of c.messages) {
      if (m.payload) add(m.payload.fields, file, ['messages', m.name, 'payload', 'fields'], m.direction === 'send' ? 'request' : 'response', `${c.name}.${m.name}`, `message.${c.name}.${m.name}`);
    }
  }
  for (const cb of model.callbacks) {
    const file = sources.surfaces.get(cb.name)!;
    // The service sends the body (like an answer); the receiver sends the reply.
    add(cb.body.fields, file, ['body', 'fields'], 'response', cb.name, `body.${cb.name}`);
    add(cb.reply.shape.fields, file, ['reply', 'fields'], 'request', cb.name, `reply.${cb.name}`);
  }
  for (const t of model.types) {
    const file = sources.types.get(t.name)!;
    const directions = typeDirections(t);
    const shapeKeys = Object.fromEntries(directions.map((d) => [d, componentName(t, d)]));
    for (const f of t.shape.fields) sites.push({ field: f, file, path: ['fields', f.name], directions, owner: t.name, shapeKeys });
  }
  return sites;
}
