// What a contract run prints and leaves behind: a per-action table, report files without
// secrets, and a small summary file that CI can add up.
import { readFileSync, writeFileSync } from 'node:fs';
import type { NewmanRunSummary } from 'newman';
import type { ContractCase } from '../model/cases.js';
import type { SecondOpinionFinding } from './verify.js';

export interface ActionRow {
  action: string;
  cases: number;
  requests: number;
  assertions: number;
  failures: number;
}

export function perActionTable(summary: NewmanRunSummary, cases: Map<string, ContractCase>, findings: readonly SecondOpinionFinding[]): ActionRow[] {
  const rows = new Map<string, ActionRow & { seen: Set<string> }>();
  const row = (action: string): ActionRow & { seen: Set<string> } => {
    let r = rows.get(action);
    if (!r) {
      r = { action, cases: 0, requests: 0, assertions: 0, failures: 0, seen: new Set() };
      rows.set(action, r);
    }
    return r;
  };
  for (const ex of summary.run.executions) {
    const c = cases.get(ex.item.id);
    const r = row(c?.action ?? ex.item.name);
    if (!r.seen.has(ex.item.id)) {
      r.seen.add(ex.item.id);
      r.cases++;
    }
    r.requests++;
    for (const a of ex.assertions ?? []) {
      r.assertions++;
      if (a.error) r.failures++;
    }
  }
  for (const f of findings) row(f.action).failures++;
  return [...rows.values()].map(({ seen: _seen, ...r }) => r).sort((a, b) => a.action.localeCompare(b.action));
}

export function formatTable(rows: readonly ActionRow[]): string[] {
  const header = ['action', 'cases', 'requests', 'assertions', 'failures'];
  const width = Math.max(header[0]!.length, ...rows.map((r) => r.action.length));
  const line = (cells: (string | number)[]): string => [String(cells[0]).padEnd(width), ...cells.slice(1).map((c) => String(c).padStart(10))].join('  ');
  const total = rows.reduce((t, r) => ({ cases: t.cases + r.cases, requests: t.requests + r.requests, assertions: t.assertions + r.assertions, failures: t.failures + r.failures }), { cases: 0, requests: 0, assertions: 0, failures: 0 });
  return [line(header), ...rows.map((r) => line([r.action, r.cases, r.requests, r.assertions, r.failures])), line(['total', total.cases, total.requests, total.assertions, total.failures])];
}

/** Replaces every secret value in the written reports; newman's JSON reporter copies the environment. */
export function redactFiles(paths: readonly string[], secrets: readonly string[]): void {
  const values = secrets.filter((s) => s.length >= 4);
  if (values.length === 0) return;
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // a reporter that wrote nothing
    }
    let out = text;
    for (const v of values) out = out.split(v).join('***');
    if (out !== text) writeFileSync(path, out);
  }
}
