// A field's own `example` lands in the OpenAPI document, the AsyncAPI document and the collection's
// descriptions, so it must fit the field: `example: 20240901` on a string, or "yesterday" on a
// date, is refused at the example. The examples of one shape are checked together, as one object,
// by the validator the model already compiled for that shape; only errors inside a field count
// (a required field without an example is not a mistake).
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import { describeAjvError } from '../ajv.js';
import type { Sources } from '../build.js';
import { fieldSchema, typeIndex, type Direction, type JsonSchema } from '../schema.js';
import type { Model } from '../types.js';
import { ModelValidators } from '../validators.js';
import { fieldSites, type FieldSite } from './sites.js';

interface Problem {
  site: FieldSite;
  path: (string | number)[];
  problem: string;
  directions: Set<Direction>;
}

const segments = (pointer: string): string[] => pointer.split('/').slice(1);

export function checkFieldExamples(model: Model, sources: Sources): Diagnostic[] {
  const validators = ModelValidators.for(model);
  const groups = new Map<string, { validate: () => ValidateFunction; direction: Direction; sites: Map<string, FieldSite> }>();
  const loose: { site: FieldSite; direction: Direction }[] = [];
  for (const site of fieldSites(model, sources)) {
    if (site.field.example === undefined) continue;
    for (const direction of site.directions) {
      const key = site.shapeKeys[direction];
      if (!key) {
        loose.push({ site, direction });
        continue;
      }
      const group = groups.get(key) ?? { validate: () => validators.validator(key), direction, sites: new Map<string, FieldSite>() };
      group.sites.set(site.field.name, site);
      groups.set(key, group);
    }
  }
  // Path parameters have no shape of their own: one validator for all of them.
  if (loose.length > 0) {
    const types = typeIndex(model);
    const opts = { dialect: '2020-12', annotations: false, ref: ModelValidators.ref } as const;
    const schema: JsonSchema = { type: 'object', properties: Object.fromEntries(loose.map(({ site, direction }, i) => [`p${i}`, fieldSchema(site.field, direction, types, opts)])) };
    const validate = validators.compile(schema);
    groups.set('(path parameters)', { validate: () => validate, direction: 'request', sites: new Map(loose.map(({ site }, i) => [`p${i}`, site])) });
  }

  const problems = new Map<string, Problem>();
  for (const { validate: get, direction, sites } of groups.values()) {
    const validate = get();
    if (validate(Object.fromEntries([...sites].map(([name, site]) => [name, site.field.example])))) continue;
    for (const e of validate.errors ?? []) {
      const [name, ...rest] = segments(e.instancePath);
      const site = name === undefined ? undefined : sites.get(name);
      if (!site) continue; // about the object as a whole: a required field left without an example, a rule
      const inner: ErrorObject = { ...e, instancePath: rest.length > 0 ? `/${rest.join('/')}` : '' };
      const problem = describeAjvError(inner).replace(/^\(root\) /, '');
      const id = `${site.file.path}|${site.path.join('.')}|${problem}`;
      const entry = problems.get(id) ?? { site, path: rest.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), problem, directions: new Set<Direction>() };
      entry.directions.add(direction);
      problems.set(id, entry);
    }
  }
  // A type used both ways is checked as a request and as a response; one problem is one diagnostic.
  return [...problems.values()].map(({ site, path, problem, directions }) => {
    const side = directions.size < site.directions.length ? ` (in a ${[...directions][0]})` : '';
    return diagnosticAt(site.file, [...site.path, 'example', ...path], 'example-invalid', `example of \`${site.owner}.${site.field.name}\`${side}: ${problem}`);
  });
}
