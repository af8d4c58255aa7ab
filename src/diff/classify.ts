// Every difference between two versions of the contract, classified from a client's point of view:
// breaking when code written against the old contract can fail against the new one.
import { kindOf } from '../model/kind-text.js';
import type { Field, Model, Shape } from '../model/types.js';

export interface Change {
  breaking: boolean;
  /** `CreateRecTask.request.Url`, `types.HotWord.Weight`, `action DeleteAsrVocab` … */
  where: string;
  change: string;
}

type Side = 'request' | 'response';

interface ShapeEntry {
  shape: Shape;
  sides: Side[];
}

/** Every shape clients depend on, keyed by where it lives. */
function shapes(model: Model): Map<string, ShapeEntry> {
  const out = new Map<string, ShapeEntry>();
  for (const a of model.actions) {
    out.set(`${a.name}.request`, { shape: a.request, sides: ['request'] });
    out.set(`${a.name}.response`, { shape: a.response, sides: ['response'] });
  }
  for (const t of model.types) out.set(`types.${t.name}`, { shape: t.shape, sides: t.usage === 'both' ? ['request', 'response'] : t.usage === 'in' ? ['request'] : ['response'] });
  for (const e of model.endpoints) {
    out.set(`${e.name}.query`, { shape: e.query, sides: ['request'] });
    out.set(`${e.name}.response`, { shape: e.response, sides: ['response'] });
  }
  for (const c of model.channels) {
    out.set(`${c.name}.query`, { shape: c.query, sides: ['request'] });
    for (const m of c.messages) if (m.payload) out.set(`${c.name}.${m.name}`, { shape: m.payload, sides: [m.direction === 'send' ? 'request' : 'response'] });
  }
  for (const cb of model.callbacks) out.set(`${cb.name}.body`, { shape: cb.body, sides: ['response'] });
  return out;
}

const list = (vs: readonly unknown[]): string => vs.map((v) => JSON.stringify(v)).join(', ');

function compareField(where: string, f: Field, g: Field, sides: Side[], out: Change[]): void {
  const add = (breaking: boolean, change: string): void => void out.push({ breaking, where, change });
  const a = kindOf(f.type);
  const b = kindOf(g.type);
  if (a !== b) add(true, `type changed from ${a} to ${b}`);
  if (sides.includes('request')) {
    if (!f.required && g.required) add(true, 'parameter becomes required');
    if (f.required && !g.required) add(false, 'parameter becomes optional');
  }
  if (sides.includes('response')) {
    if (f.always && !g.always) add(true, 'no longer always present');
    if (!f.always && g.always) add(false, 'now always present');
    if (!f.nullable && g.nullable) add(true, 'may now be null');
    if (f.nullable && !g.nullable) add(false, 'can no longer be null');
  }
  const oldEnum = f.constraints.enum;
  const newEnum = g.constraints.enum;
  if (oldEnum && newEnum) {
    const removed = oldEnum.filter((v) => !newEnum.includes(v));
    const added = newEnum.filter((v) => !oldEnum.includes(v));
    if (removed.length) add(true, `enum values removed: ${list(removed)}`);
    if (added.length) add(false, `enum values added: ${list(added)}`);
  } else if (!oldEnum && newEnum) add(sides.includes('request'), `now limited to ${list(newEnum)}`);
  else if (oldEnum && !newEnum) add(false, 'no longer limited to a list of values');
  if (sides.includes('request')) {
    const c = f.constraints;
    const d = g.constraints;
    const narrower = (label: string, before: number | undefined, after: number | undefined, up: boolean): void => {
      if (before === after) return;
      const tighter = after !== undefined && (before === undefined || (up ? after > before : after < before));
      add(tighter, `${label} ${before === undefined ? 'set' : `changed from ${before}`} to ${after ?? 'none'} (${tighter ? 'narrowed' : 'widened'})`);
    };
    narrower('minimum', c.minimum, d.minimum, true);
    narrower('maximum', c.maximum, d.maximum, false);
    narrower('minLength', c.minLength, d.minLength, true);
    narrower('maxLength', c.maxLength, d.maxLength, false);
    narrower('minItems', c.minItems, d.minItems, true);
    narrower('maxItems', c.maxItems, d.maxItems, false);
    narrower('maxBytes', c.maxBytes, d.maxBytes, false);
    if (c.pattern !== d.pattern) add(d.pattern !== undefined, d.pattern === undefined ? 'pattern removed' : `pattern ${c.pattern === undefined ? 'set' : 'changed'} to ${d.pattern}`);
  }
  if (!f.deprecated && g.deprecated) add(false, 'deprecated');
}

function compareShape(where: string, old: ShapeEntry, now: ShapeEntry, out: Change[]): void {
  const sides = [...new Set([...old.sides, ...now.sides])];
  const before = new Map(old.shape.fields.map((f) => [f.name, f]));
  const after = new Map(now.shape.fields.map((f) => [f.name, f]));
  for (const [name, f] of before) {
    const g = after.get(name);
    if (!g) out.push({ breaking: true, where: `${where}.${name}`, change: 'removed' });
    else compareField(`${where}.${name}`, f, g, sides, out);
  }
  for (const [name, g] of after) {
    if (before.has(name)) continue;
    const required = sides.includes('request') && g.required;
    out.push({ breaking: required, where: `${where}.${name}`, change: required ? 'added, and required' : 'added' });
  }
  const key = (r: Shape['rules'][number]): string => JSON.stringify({ ...r, description: undefined });
  const rulesBefore = new Set(old.shape.rules.map(key));
  const rulesAfter = new Set(now.shape.rules.map(key));
  for (const r of now.shape.rules) if (!rulesBefore.has(key(r))) out.push({ breaking: true, where, change: `new rule: ${r.description}` });
  for (const r of old.shape.rules) if (!rulesAfter.has(key(r))) out.push({ breaking: false, where, change: `rule dropped: ${r.description}` });
}

export function classifyChanges(old: Model, now: Model): Change[] {
  const out: Change[] = [];
  const actionsBefore = new Set(old.actions.map((a) => a.name));
  const actionsAfter = new Set(now.actions.map((a) => a.name));
  for (const a of actionsBefore) if (!actionsAfter.has(a)) out.push({ breaking: true, where: a, change: 'action removed' });
  for (const a of actionsAfter) if (!actionsBefore.has(a)) out.push({ breaking: false, where: a, change: 'action added' });
  const before = shapes(old);
  const after = shapes(now);
  for (const [where, entry] of before) {
    const next = after.get(where);
    const owner = where.split('.')[0]!;
    if (!next) {
      if (actionsBefore.has(owner) && !actionsAfter.has(owner)) continue; // reported as the action
      out.push({ breaking: true, where, change: 'removed' });
    } else compareShape(where, entry, next, out);
  }
  for (const where of after.keys()) {
    const owner = where.split('.')[0]!;
    if (!before.has(where) && !(actionsAfter.has(owner) && !actionsBefore.has(owner))) out.push({ breaking: false, where, change: 'added' });
  }
  return out.sort((x, y) => Number(y.breaking) - Number(x.breaking) || x.where.localeCompare(y.where));
}
