// The per-action table: a row per action or surface, with the same counts as every report.
import { suitesOf, totals, type CheckResult } from './model.js';

export interface SuiteRow {
  suite: string;
  cases: number;
  checks: number;
  failed: number;
  skipped: number;
  durationMs: number;
}

export const TABLE_HEADER = ['action', 'cases', 'checks', 'failed', 'skipped', 'seconds'] as const;

/** One row per suite, then the total. */
export function suiteRows(checks: readonly CheckResult[]): { rows: SuiteRow[]; total: SuiteRow } {
  const rows = suitesOf(checks).map((s) => ({ suite: s.name, cases: s.cases, checks: s.totals.tests, failed: s.totals.failed, skipped: s.totals.skipped, durationMs: s.durationMs }));
  const t = totals(checks);
  const total = { suite: 'total', cases: rows.reduce((n, r) => n + r.cases, 0), checks: t.tests, failed: t.failed, skipped: t.skipped, durationMs: rows.reduce((n, r) => n + r.durationMs, 0) };
  return { rows, total };
}

export const rowCells = (r: SuiteRow): string[] => [r.suite, String(r.cases), String(r.checks), String(r.failed), String(r.skipped), (r.durationMs / 1000).toFixed(1)];

/** The table as terminal lines: names left, numbers right. */
export function formatTable(checks: readonly CheckResult[]): string[] {
  const { rows, total } = suiteRows(checks);
  const all = [[...TABLE_HEADER], ...rows.map(rowCells), rowCells(total)];
  const width = Math.max(...all.map((r) => r[0]!.length));
  return all.map((cells) => [cells[0]!.padEnd(width), ...cells.slice(1).map((c) => c.padStart(8))].join('  '));
}
