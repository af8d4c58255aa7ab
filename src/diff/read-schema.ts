// JSON Schema (as the OpenAPI and AsyncAPI documents carry it) → shapes and fields of the view.
// Reads what a schema says, not how this project's emitter happens to spell it: `type: [t, null]`
// and `anyOf: [{$ref}, {type: null}]` are both nullable, constraints on a list sit on its items.
import { canonical, type Side, type ViewField, type ViewRule, type ViewShape } from './view.js';

export type JsonSchema = Record<string, unknown>;

const object = (v: unknown): JsonSchema | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonSchema) : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** One document's named schemas, and the shared types reached from the shapes read so far. */
export class SchemaReader {
  /** Type name → the component schema seen from each side. */
  readonly types = new Map<string, Partial<Record<Side, JsonSchema>>>();

  constructor(
    private readonly components: Record<string, unknown>,
    private readonly prefix = '#/components/schemas/',
  ) {}

  /** The component a `$ref` names, if it is one of this document's. */
  component(ref: unknown): { name: string; schema: JsonSchema } | undefined {
    if (typeof ref !== 'string' || !ref.startsWith(this.prefix)) return undefined;
    const name = ref.slice(this.prefix.length);
    const schema = object(this.components[name]);
    return schema ? { name, schema } : undefined;
  }

  /** A schema with a bare `$ref` replaced by what it names. */
  deref(s: unknown): JsonSchema | undefined {
    const o = object(s);
    return o && typeof o.$ref === 'string' ? this.component(o.$ref)?.schema : o;
  }

  /** Types used both ways have an `<Name>Input` twin for requests; both are the type `<Name>`. */
  private typeName(component: string, side: Side): string {
    const base = component.replace(/Input$/, '');
    return side === 'request' && base !== component && this.components[base] !== undefined ? base : component;
  }

  shape(schema: unknown, side: Side, ruleTexts: readonly string[] = []): ViewShape {
    const s = this.deref(schema) ?? {};
    const required = new Set(strings(s.required));
    const properties = object(s.properties) ?? {};
    const fields = Object.entries(properties).map(([name, p]) => this.field(name, object(p) ?? {}, side, required.has(name)));
    const allOf = Array.isArray(s.allOf) ? s.allOf : [];
    const rules = allOf.map((r, i) => readRule(r, allOf.length === ruleTexts.length ? ruleTexts[i] : undefined));
    return { fields, rules, sides: [side] };
  }

  private field(name: string, p: JsonSchema, side: Side, listed: boolean): ViewField {
    let core = p;
    let nullable = false;
    if (Array.isArray(p.anyOf)) {
      const others = p.anyOf.filter((x) => object(x)?.type !== 'null');
      nullable = others.length < p.anyOf.length;
      if (others.length === 1) core = { ...p, ...object(others[0]) };
    }
    if (Array.isArray(core.type) && core.type.includes('null')) nullable = true;
    const isList = scalarType(core) === 'array';
    const value = isList ? (object(core.items) ?? {}) : core;
    const f: ViewField = {
      name,
      kind: this.kind(core, side),
      required: side === 'request' && listed,
      always: side === 'response' && listed,
      nullable,
      deprecated: p.deprecated === true,
    };
    if (Array.isArray(value.enum)) f.enum = value.enum.filter((v) => v !== null);
    for (const k of ['minimum', 'maximum', 'minLength', 'maxLength'] as const) if (num(value[k]) !== undefined) f[k] = num(value[k]);
    for (const k of ['minItems', 'maxItems'] as const) if (num(core[k]) !== undefined) f[k] = num(core[k]);
    if (typeof value.pattern === 'string') f.pattern = value.pattern;
    if (typeof p.description === 'string') f.description = p.description;
    if (Array.isArray(p.examples) && p.examples.length > 0) f.example = canonical(p.examples[0]);
    else if (p.example !== undefined) f.example = canonical(p.example);
    return f;
  }

  private kind(s: JsonSchema, side: Side): string {
    const target = this.component(s.$ref);
    if (target) {
      const name = this.typeName(target.name, side);
      this.reach(name, target.schema, side);
      return `object:${name}`;
    }
    const t = scalarType(s);
    if (t === 'array') return `${this.kind(object(s.items) ?? {}, side)}[]`;
    return t ?? 'any';
  }

  private reach(name: string, schema: JsonSchema, side: Side): void {
    const seen = this.types.get(name) ?? {};
    if (seen[side]) return;
    seen[side] = schema;
    this.types.set(name, seen);
    this.shape(schema, side); // records the types it reaches in turn
  }

  /** The shared types reached so far, each read from every side it was seen from. */
  typeShapes(): Map<string, ViewShape> {
    const out = new Map<string, ViewShape>();
    for (const [name, bySide] of this.types) {
      const shapes = (['request', 'response'] as const).filter((side) => bySide[side]).map((side) => this.shape(bySide[side], side));
      out.set(name, shapes.reduce(mergeShapes));
    }
    return out;
  }
}

function scalarType(s: JsonSchema): string | undefined {
  if (typeof s.type === 'string') return s.type;
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null') as string | undefined;
  return undefined;
}

/** The same shape seen from two sides (or in two documents): one shape with both sides' lists. */
export function mergeShapes(a: ViewShape, b: ViewShape): ViewShape {
  const byName = new Map(a.fields.map((f) => [f.name, { ...f }]));
  for (const g of b.fields) {
    const f = byName.get(g.name);
    if (!f) byName.set(g.name, { ...g });
    else {
      f.required ||= g.required;
      f.always ||= g.always;
      f.nullable ||= g.nullable;
    }
  }
  const rules = [...a.rules, ...b.rules.filter((r) => !a.rules.some((x) => x.key === r.key))];
  return { fields: [...byName.values()], rules, sides: [...new Set([...a.sides, ...b.sides])] };
}

/**
 * A cross-field rule as `if {when} then {require, requireOneOf}`, keyed by what it demands. A rule
 * whose schema is not of that form is keyed by the schema itself.
 */
function readRule(raw: unknown, text: string | undefined): ViewRule {
  const r = object(raw) ?? {};
  const cond = object(object(r.if)?.properties);
  const then = object(r.then) ?? (cond ? {} : r);
  const when = cond ? Object.fromEntries(Object.entries(cond).map(([k, v]) => [k, object(v)?.const])) : undefined;
  const require = strings(then.required);
  const oneOf = Array.isArray(then.anyOf) ? then.anyOf.flatMap((x) => strings(object(x)?.required)) : [];
  const understood = (when === undefined || Object.values(when).every((v) => v !== undefined)) && (require.length > 0 || oneOf.length > 0);
  if (!understood) return { key: canonical(raw), description: text ?? 'a rule' };
  const key = canonical({ when: when ?? {}, require: [...require].sort(), requireOneOf: [...oneOf].sort() });
  const demand = [require.length ? `${require.join(', ')} required` : '', oneOf.length ? `one of ${oneOf.join(', ')} required` : ''].filter(Boolean).join(', ');
  const condition = when ? `when ${Object.entries(when).map(([k, v]) => `${k} is ${JSON.stringify(v)}`).join(' and ')}: ` : '';
  return { key, description: text ?? `${condition}${demand}` };
}
