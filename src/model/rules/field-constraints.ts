// A constraint or format must make sense for the field's type: `maxLength` on an integer,
// `format: uint64` on a string or an enum of strings on an integer field are spec mistakes.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import type { Sources } from '../build.js';
import type { Model, TypeRef } from '../types.js';
import { fieldSites } from './sites.js';

const FORMATS_BY_SCALAR: Record<string, readonly string[]> = {
  integer: ['int64', 'uint64'],
  number: ['float'],
  string: ['date', 'date-time', 'byte', 'uri'],
  boolean: [],
};
const STRING_ONLY = ['minLength', 'maxLength', 'pattern'] as const;
const NUMBER_ONLY = ['minimum', 'maximum'] as const;
const LIST_ONLY = ['minItems', 'maxItems'] as const;

function valueType(t: TypeRef): TypeRef {
  return t.kind === 'array' ? valueType(t.items) : t;
}

export function checkFieldConstraints(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { field, file, path } of fieldSites(model, sources)) {
    const value = valueType(field.type);
    const scalar = value.kind === 'scalar' ? value.scalar : undefined;
    const bad = (key: string, message: string): void => {
      out.push(diagnosticAt(file, [...path, key], 'constraint-type', `${field.name}: ${message}`, { atKey: true }));
    };
    if (field.format && (!scalar || !FORMATS_BY_SCALAR[scalar]!.includes(field.format))) {
      bad('format', `format \`${field.format}\` does not apply to ${describe(field.type)}`);
    }
    const c = field.constraints;
    for (const k of STRING_ONLY) if (c[k] !== undefined && scalar !== 'string') bad(k, `\`${k}\` applies to strings, not ${describe(field.type)}`);
    for (const k of NUMBER_ONLY) if (c[k] !== undefined && scalar !== 'integer' && scalar !== 'number') bad(k, `\`${k}\` applies to numbers, not ${describe(field.type)}`);
    for (const k of LIST_ONLY) if (c[k] !== undefined && field.type.kind !== 'array') bad(k, `\`${k}\` applies to lists, not ${describe(field.type)}`);
    if (c.maxBytes !== undefined && field.format !== 'byte') bad('maxBytes', '`maxBytes` needs `format: byte` (a base64 string)');
    if (c.minimum !== undefined && c.maximum !== undefined && c.minimum > c.maximum) bad('minimum', `minimum ${c.minimum} is above maximum ${c.maximum}`);
    if (c.pattern !== undefined) {
      try {
        new RegExp(c.pattern, 'u');
      } catch (e) {
        bad('pattern', `pattern is not a valid regular expression (${(e as Error).message})`);
      }
    }
    if (c.enum && scalar) {
      c.enum.forEach((v, i) => {
        const ok = scalar === 'integer' ? Number.isInteger(v) : scalar === 'number' ? typeof v === 'number' : typeof v === scalar;
        if (!ok) out.push(diagnosticAt(file, [...path, 'enum', i], 'constraint-type', `${field.name}: enum value ${JSON.stringify(v)} is not ${scalar === 'integer' ? 'an' : 'a'} ${scalar}`));
      });
    }
  }
  return out;
}

function describe(t: TypeRef): string {
  if (t.kind === 'array') return `a list of ${describe(t.items)}`;
  return t.kind === 'scalar' ? t.scalar : `type ${t.name}`;
}
