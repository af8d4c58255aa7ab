// How a run's report leaves the process, the same for `test` and `merge-reports`: the reporters
// asked for, the per-action table, the failures, the one verdict line, and the files, all from the
// one RunReport, so every view tells the same counts.
import { join } from 'node:path';
import { breakdown, totals, verdictLine, type RunReport } from '../report/model.js';
import { formatTable } from '../report/table.js';
import { REPORT_FILES, REPORT_FORMATS, writeReports, type ReportFormat } from '../report/write.js';
import { writeFilesAtomically } from '../write-files.js';
import { UsageError, type Io } from './io.js';

/** The small file CI adds up (.ci/summary.mjs reads `passed` and `failed`). */
export const SUMMARY_FILE = 'contract-summary.json';

/** `htmlextra` is the name older scripts use; it now writes the same self-contained report.html as `html`. */
const ALIASES: Record<string, string> = { htmlextra: 'html' };

/**
 * The reporters named in `value` (comma-separated), or the defaults. Without --reporters, a CI that
 * shows a job summary ($GITHUB_STEP_SUMMARY) gets one.
 */
export function parseReporters<R extends string>(value: string | undefined, known: readonly R[], defaults: readonly R[], env: NodeJS.ProcessEnv): R[] {
  const list = value === undefined ? [...defaults, ...(env.GITHUB_STEP_SUMMARY && known.includes('summary' as R) ? ['summary'] : [])] : value.split(',').map((r) => r.trim()).filter(Boolean);
  const names = list.map((r) => ALIASES[r] ?? r);
  const unknown = list.filter((r, i) => !(known as readonly string[]).includes(names[i]!));
  if (unknown.length > 0) throw new UsageError(`unknown reporter ${unknown.map((r) => `"${r}"`).join(', ')}; choose from ${[...known, ...Object.keys(ALIASES).filter((a) => known.includes(ALIASES[a] as R))].join(', ')}`);
  return [...new Set(names)] as R[];
}

export const fileFormats = (reporters: readonly string[]): ReportFormat[] => REPORT_FORMATS.filter((f) => reporters.includes(f));

const MAX_PRINTED_FAILURES = 30;

/**
 * Prints the table, the failures (again, if the progress view showed them as they happened: the
 * end of the output is where people look) and the verdict line, and writes the reports. Returns the exit code.
 */
export function finishReport(report: RunReport, out: string, formats: readonly ReportFormat[], io: Io): number {
  const t = totals(report.checks);
  io.stdout('');
  for (const line of formatTable(report.checks)) io.stdout(line);
  const failures = report.checks.filter((c) => c.status === 'failed');
  for (const c of failures.slice(0, MAX_PRINTED_FAILURES)) io.stdout(`✗ ${c.suite} · ${c.case}: ${c.name}${c.message ? `: ${c.message}` : ''}`);
  if (failures.length > MAX_PRINTED_FAILURES) io.stdout(`… and ${failures.length - MAX_PRINTED_FAILURES} more failures: see ${join(out, REPORT_FILES.junit)} or the HTML report`);
  saveReport(report, out, formats, io);
  io.stdout('');
  const seconds = (report.durationMs / 1000).toFixed(1);
  io.stdout(`${verdictLine(t)} (${breakdown(report.checks) || 'nothing was checked'}) in ${seconds} s; reports in ${out}`);
  return t.failed > 0 ? 1 : 0;
}

/** Writes the report files, contract-summary.json, and the job summary when the CI shows one. */
export function saveReport(report: RunReport, out: string, formats: readonly ReportFormat[], io: Io): void {
  writeReports(report, out, formats, io.env.GITHUB_STEP_SUMMARY ? { stepSummary: io.env.GITHUB_STEP_SUMMARY } : {});
  writeFilesAtomically(out, new Map([[SUMMARY_FILE, contractSummary(report)]]));
}

function contractSummary(report: RunReport): string {
  const t = totals(report.checks);
  const bySource = Object.fromEntries(report.checks.reduce((m, c) => m.set(c.source, (m.get(c.source) ?? 0) + 1), new Map<string, number>()));
  const data = {
    title: report.title,
    ...(report.shard ? { shard: `${report.shard.index}/${report.shard.total}` } : {}),
    passed: t.passed,
    failed: t.failed,
    skipped: t.skipped,
    tests: t.tests,
    bySource,
    ...(report.requests !== undefined ? { requests: report.requests } : {}),
    wallMs: Math.round(report.durationMs),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
