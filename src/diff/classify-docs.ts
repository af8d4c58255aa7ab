// What readers of the contract see change while clients do not: descriptions and summaries
// ("docs"), named examples ("example"), and the error catalogue's descriptions and messages.
import { change, type Change } from './change.js';
import type { ContractView } from './view.js';

function texts(old: ContractView, now: ContractView, out: Change[]): void {
  for (const [where, before] of old.texts) {
    const after = now.texts.get(where);
    if (!after) continue; // the owner itself was added or removed, which the contract changes report
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if ((before[key] ?? '') !== (after[key] ?? '')) out.push(change('docs', where, `${key} changed`));
    }
  }
}

/** `request read-item-7` → `request example "read-item-7"`. */
function exampleName(key: string): string {
  const space = key.indexOf(' ');
  return `${key.slice(0, space)} example "${key.slice(space + 1)}"`;
}

function examples(old: ContractView, now: ContractView, out: Change[]): void {
  for (const where of new Set([...old.examples.keys(), ...now.examples.keys()])) {
    if (!old.texts.has(where) || !now.texts.has(where)) continue; // an added or removed owner
    const before = old.examples.get(where) ?? new Map<string, string>();
    const after = now.examples.get(where) ?? new Map<string, string>();
    for (const [key, value] of before) {
      if (!after.has(key)) out.push(change('example', where, `${exampleName(key)} removed`));
      else if (after.get(key) !== value) out.push(change('example', where, `${exampleName(key)} changed`));
    }
    for (const key of after.keys()) if (!before.has(key)) out.push(change('example', where, `${exampleName(key)} added`));
  }
}

/** Only when both versions carry the catalogue: older documents had the codes but not their messages. */
function errors(old: ContractView, now: ContractView, out: Change[]): void {
  if (!old.errors || !now.errors) return;
  for (const [code, before] of old.errors) {
    const after = now.errors.get(code);
    const where = `errors.${code}`;
    if (!after) {
      out.push(change('compatible', where, 'error code removed'));
      continue;
    }
    if ((before.description ?? '') !== (after.description ?? '')) out.push(change('docs', where, 'description changed'));
    for (const lang of [...new Set([...Object.keys(before.messages), ...Object.keys(after.messages)])].sort()) {
      if (before.messages[lang] !== after.messages[lang]) out.push(change('docs', where, `${lang} message changed`));
    }
  }
  for (const code of now.errors.keys()) if (!old.errors.has(code)) out.push(change('compatible', `errors.${code}`, 'error code added'));
}

export function documentationChanges(old: ContractView, now: ContractView, out: Change[]): void {
  texts(old, now, out);
  examples(old, now, out);
  errors(old, now, out);
}
