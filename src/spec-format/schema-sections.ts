// spec-file.schema.json → the reference's sections: one table of keys per object the format has
// (each file kind, each shared part, each nested object, each step), and the value types.
import { cell, code } from './markdown.js';

export type Schema = Record<string, unknown>;

export interface KeyDoc {
  key: string;
  type: string;
  required: boolean;
  description: string;
  /** The schema's first example, or undefined when it has none. */
  example: unknown;
  hasExample: boolean;
  /** JSON pointer of the key's schema inside spec-file.schema.json. */
  pointer: string;
}

export interface ObjectSection {
  id: string;
  title: string;
  description: string;
  keys: KeyDoc[];
}

const object = (v: unknown): Schema | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Schema) : undefined);
const hasProperties = (s: Schema | undefined): boolean => !!s && object(s.properties) !== undefined;
const slug = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
export const defId = (name: string): string => `def-${slug(name)}`;
const refName = (ref: unknown): string | undefined => (typeof ref === 'string' && ref.startsWith('#/$defs/') ? ref.slice('#/$defs/'.length) : undefined);

/** What a key holds, in words, with links to the sections of its parts. */
export function typeText(s: Schema | undefined, nested?: string): string {
  if (!s || Object.keys(s).length === 0) return 'any';
  const ref = refName(s.$ref);
  if (ref) return `[${ref}](#${defId(ref)})`;
  if (nested) return `${s.type === 'array' ? 'list of ' : hasProperties(s) ? '' : 'map of '}[object](#${nested})`;
  if ('const' in s) return code(JSON.stringify(s.const));
  if (Array.isArray(s.enum)) return s.enum.map((v) => code(String(v))).join(' | ');
  const union = (Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined)?.map((x) => typeText(object(x)));
  if (union) return union.join(' or ');
  if (s.type === 'array') return `list of ${typeText(object(s.items))}`;
  const extra = object(s.additionalProperties);
  if (s.type === 'object' && extra) return `map of ${typeText(extra)}`;
  if (Array.isArray(s.type)) return s.type.join(' or ');
  return typeof s.type === 'string' ? s.type : 'any';
}

/** Pattern, bounds and the like, as a sentence for the description cell. */
function constraintText(s: Schema): string {
  const parts: string[] = [];
  if (typeof s.pattern === 'string') parts.push(`matches ${code(s.pattern)}`);
  if (typeof s.minimum === 'number') parts.push(`at least ${s.minimum}`);
  if (typeof s.maximum === 'number') parts.push(`at most ${s.maximum}`);
  if (typeof s.minLength === 'number' && s.minLength > 0) parts.push(`at least ${s.minLength} character${s.minLength === 1 ? '' : 's'}`);
  if (typeof s.minItems === 'number' && s.minItems > 0) parts.push(`at least ${s.minItems} member${s.minItems === 1 ? '' : 's'}`);
  if (typeof s.minProperties === 'number' && s.minProperties > 0) parts.push(`at least ${s.minProperties} entr${s.minProperties === 1 ? 'y' : 'ies'}`);
  if (s.uniqueItems === true) parts.push('no duplicates');
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** The object a key opens, when it is written out in place (not a $ref): an object, a list of them, or a map of them. */
function nestedObject(s: Schema, pointer: string): { schema: Schema; pointer: string } | undefined {
  if (hasProperties(s)) return { schema: s, pointer };
  if (s.type === 'array' && hasProperties(object(s.items))) return { schema: object(s.items)!, pointer: `${pointer}/items` };
  const extra = object(s.additionalProperties);
  if (hasProperties(extra)) return { schema: extra!, pointer: `${pointer}/additionalProperties` };
  return undefined;
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

const suffix = (s: Schema): string => (s.type === 'array' ? '[]' : hasProperties(s) ? '' : '.<name>');

/** The sections of one object: its own table, then one per object written out inside it. */
export function objectSections(s: Schema, pointer: string, id: string, title: string, description = String(s.description ?? '')): ObjectSection[] {
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  const nestedSections: ObjectSection[] = [];
  const keys: KeyDoc[] = Object.entries(object(s.properties) ?? {}).map(([key, raw]) => {
    const p = object(raw) ?? {};
    const at = `${pointer}/properties/${escapePointer(key)}`;
    const inner = nestedObject(p, at);
    let nested: string | undefined;
    if (inner) {
      nested = `${id}-${slug(key)}`;
      nestedSections.push(...objectSections(inner.schema, inner.pointer, nested, `${title} › ${code(`${key}${suffix(p)}`)}`, String(p.description ?? inner.schema.description ?? '')));
    }
    const examples = Array.isArray(p.examples) ? p.examples : [];
    return {
      key,
      type: typeText(p, nested),
      required: required.has(key),
      description: cell(`${String(p.description ?? '')}${constraintText(p)}`),
      example: examples[0],
      hasExample: examples.length > 0,
      pointer: at,
    };
  });
  return [{ id, title, description, keys }, ...nestedSections];
}

/** A def written as alternatives of objects (the emulator steps): one section per alternative, named by its required key. */
export function variantSections(name: string, s: Schema, titleOf: (key: string) => string): ObjectSection[] {
  const variants = (Array.isArray(s.oneOf) ? s.oneOf : []).map((v, i) => ({ v: object(v), i })).filter((x): x is { v: Schema; i: number } => hasProperties(x.v));
  return variants.flatMap(({ v, i }) => {
    const key = (v.required as string[] | undefined)?.[0] ?? Object.keys(object(v.properties)!)[0]!;
    return objectSections(v, `/$defs/${name}/oneOf/${i}`, `${defId(name)}-${slug(key)}`, titleOf(key));
  });
}

/** Every key of every object the schema describes, with where it is, for checks. */
export function everyKey(sections: readonly ObjectSection[]): { where: string; key: KeyDoc }[] {
  return sections.flatMap((s) => s.keys.map((key) => ({ where: s.title, key })));
}
