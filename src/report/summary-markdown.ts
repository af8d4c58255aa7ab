// The job summary: markdown for GitHub's $GITHUB_STEP_SUMMARY (or any CI page that shows markdown).
// Totals first, then every failure with its reason, then the per-action table. GitHub caps a
// step's summary at 1 MiB, so long lists and long texts are cut, saying where the rest is.
import { breakdown, totals, verdictLine, type CheckResult, type RunReport } from './model.js';
import { rowCells, suiteRows, TABLE_HEADER } from './table.js';

const MAX_FAILURES = 100;
const MAX_CELL = 300;

/** A table cell: one line, no pipes or HTML, at most MAX_CELL characters. */
function cell(text: string | undefined): string {
  const one = (text ?? '').replace(/\s+/g, ' ').trim();
  const cut = one.length > MAX_CELL ? `${one.slice(0, MAX_CELL)}…` : one;
  return cut.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, "'");
}

const why = (c: CheckResult): string => [c.message, c.detail].filter(Boolean).join(': ');

export function renderSummaryMarkdown(report: RunReport): string {
  const t = totals(report.checks);
  const shard = report.shard ? ` (shard ${report.shard.index}/${report.shard.total})` : '';
  const lines = [`## ${t.failed > 0 ? '❌' : '✅'} ${cell(report.title)}${shard}: ${verdictLine(t)}`, ''];
  lines.push(`${breakdown(report.checks) || 'no checks'}${report.requests !== undefined ? `; ${report.requests} HTTP requests` : ''}; ${(report.durationMs / 1000).toFixed(1)} s.`, '');

  const failures = report.checks.filter((c) => c.status === 'failed');
  if (failures.length > 0) {
    lines.push(`### Failures (${failures.length})`, '', '| action | case | check | why |', '|---|---|---|---|');
    for (const c of failures.slice(0, MAX_FAILURES)) lines.push(`| ${cell(c.suite)} | ${cell(c.case)} | ${cell(c.name)} | ${cell(why(c))} |`);
    if (failures.length > MAX_FAILURES) lines.push('', `… and ${failures.length - MAX_FAILURES} more: the JUnit and HTML reports list them all.`);
    lines.push('');
  }

  const { rows, total } = suiteRows(report.checks);
  lines.push('### Per action and surface', '', `| ${TABLE_HEADER.join(' | ')} |`, `|---|${'---:|'.repeat(TABLE_HEADER.length - 1)}`);
  for (const r of [...rows, total]) {
    const cells = rowCells(r).map(cell);
    if (r === total) cells[0] = '**total**';
    lines.push(`| ${cells.join(' | ')} |`);
  }
  if (report.plan.length > 0) lines.push('', '<details><summary>Where each surface went</summary>', '', '```text', ...report.plan, '```', '', '</details>');
  return `${lines.join('\n')}\n`;
}
