// Every difference between two versions of the contract, classified from a client's point of view:
// breaking when code written against the old contract can fail against the new one; compatible
// when the contract changed but such code keeps working; docs and example for what readers see.
import { CHANGE_KINDS, change, type Change } from './change.js';
import { documentationChanges } from './classify-docs.js';
import type { ContractView, Side, ViewField, ViewShape } from './view.js';

const contract = (breaking: boolean, where: string, text: string): Change => change(breaking ? 'breaking' : 'compatible', where, text);

const list = (vs: readonly unknown[]): string => vs.map((v) => JSON.stringify(v)).join(', ');
const has = (sides: Side[], side: Side): boolean => sides.includes(side);

function compareField(where: string, f: ViewField, g: ViewField, sides: Side[], out: Change[]): void {
  const add = (breaking: boolean, text: string): void => void out.push(contract(breaking, where, text));
  if (f.kind !== g.kind) add(true, `type changed from ${f.kind} to ${g.kind}`);
  if (has(sides, 'request')) {
    if (!f.required && g.required) add(true, 'parameter becomes required');
    if (f.required && !g.required) add(false, 'parameter becomes optional');
  }
  if (has(sides, 'response')) {
    if (f.always && !g.always) add(true, 'no longer always present');
    if (!f.always && g.always) add(false, 'now always present');
    if (!f.nullable && g.nullable) add(true, 'may now be null');
    if (f.nullable && !g.nullable) add(false, 'can no longer be null');
  }
  if (f.enum && g.enum) {
    const removed = f.enum.filter((v) => !g.enum!.includes(v));
    const added = g.enum.filter((v) => !f.enum!.includes(v));
    if (removed.length) add(true, `enum values removed: ${list(removed)}`);
    if (added.length) add(false, `enum values added: ${list(added)}`);
  } else if (!f.enum && g.enum) add(has(sides, 'request'), `now limited to ${list(g.enum)}`);
  else if (f.enum && !g.enum) add(false, 'no longer limited to a list of values');
  if (has(sides, 'request')) {
    const narrower = (label: keyof ViewField & string, up: boolean): void => {
      const before = f[label] as number | undefined;
      const after = g[label] as number | undefined;
      if (before === after) return;
      const tighter = after !== undefined && (before === undefined || (up ? after > before : after < before));
      add(tighter, `${label} ${before === undefined ? 'set' : `changed from ${before}`} to ${after ?? 'none'} (${tighter ? 'narrowed' : 'widened'})`);
    };
    narrower('minimum', true);
    narrower('maximum', false);
    narrower('minLength', true);
    narrower('maxLength', false);
    narrower('minItems', true);
    narrower('maxItems', false);
    if (f.pattern !== g.pattern) add(g.pattern !== undefined, g.pattern === undefined ? 'pattern removed' : `pattern ${f.pattern === undefined ? 'set' : 'changed'} to ${g.pattern}`);
  }
  if (!f.deprecated && g.deprecated) add(false, 'deprecated');
  if (f.description !== g.description) out.push(change('docs', where, 'description changed'));
  if (f.example !== g.example) out.push(change('example', where, exampleChange(f.example, g.example)));
}

/** Short examples are shown; long ones (objects, paragraphs) only named. */
function exampleChange(before: string | undefined, after: string | undefined): string {
  const shown = (v: string): string => (v.length <= 40 ? ` ${v}` : '');
  if (after === undefined) return 'example removed';
  if (before === undefined) return `example added:${shown(after)}`;
  return before.length <= 40 && after.length <= 40 ? `example changed from ${before} to ${after}` : 'example changed';
}

function compareShape(where: string, old: ViewShape, now: ViewShape, out: Change[]): void {
  const sides = [...new Set([...old.sides, ...now.sides])];
  const after = new Map(now.fields.map((f) => [f.name, f]));
  const before = new Map(old.fields.map((f) => [f.name, f]));
  for (const [name, f] of before) {
    const g = after.get(name);
    if (!g) out.push(contract(true, `${where}.${name}`, 'removed'));
    else compareField(`${where}.${name}`, f, g, sides, out);
  }
  for (const [name, g] of after) {
    if (before.has(name)) continue;
    const required = has(sides, 'request') && g.required;
    out.push(contract(required, `${where}.${name}`, required ? 'added, and required' : 'added'));
  }
  const rulesBefore = new Set(old.rules.map((r) => r.key));
  const rulesAfter = new Set(now.rules.map((r) => r.key));
  for (const r of now.rules) if (!rulesBefore.has(r.key)) out.push(contract(true, where, `new rule: ${r.description}`));
  for (const r of old.rules) if (!rulesAfter.has(r.key)) out.push(contract(false, where, `rule dropped: ${r.description}`));
}

function contractChanges(old: ContractView, now: ContractView, out: Change[]): void {
  for (const [name, kind] of old.surfaces) if (!now.surfaces.has(name)) out.push(contract(true, name, `${kind} removed`));
  for (const [name, kind] of now.surfaces) if (!old.surfaces.has(name)) out.push(contract(false, name, `${kind} added`));
  // A shape of a removed (or added) surface is reported as the surface.
  const ownedByGone = (where: string, a: ContractView, b: ContractView): boolean => {
    const owner = where.split('.')[0]!;
    return a.surfaces.has(owner) && !b.surfaces.has(owner);
  };
  for (const [where, shape] of old.shapes) {
    const next = now.shapes.get(where);
    if (next) compareShape(where, shape, next, out);
    else if (!ownedByGone(where, old, now)) out.push(contract(true, where, 'removed'));
  }
  for (const where of now.shapes.keys()) if (!old.shapes.has(where) && !ownedByGone(where, now, old)) out.push(contract(false, where, 'added'));
  for (const [name, codes] of now.actionErrors) {
    const was = old.actionErrors.get(name);
    if (!was) continue;
    for (const c of codes) if (!was.includes(c)) out.push(contract(false, name, `may now answer ${c}`));
    for (const c of was) if (!codes.includes(c)) out.push(contract(false, name, `no longer documents ${c}`));
  }
}

const ORDER = new Map(CHANGE_KINDS.map((k, i) => [k, i]));

export function classifyChanges(old: ContractView, now: ContractView): Change[] {
  const out: Change[] = [];
  contractChanges(old, now, out);
  documentationChanges(old, now, out);
  return out.sort((x, y) => ORDER.get(x.kind)! - ORDER.get(y.kind)! || x.where.localeCompare(y.where));
}
