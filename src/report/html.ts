// The HTML report: one self-contained page (style and script inline, no address to fetch), small
// enough to open from a CI artifact. The top says the verdict and lists every failure, each a link
// to its row; below, one section per action or surface, the failing ones open.
import { REPORT_CSS, REPORT_SCRIPT } from './html-style.js';
import { markdownToHtml } from './markdown-html.js';
import { breakdown, suitesOf, totals, verdictLine, type CheckResult, type RunReport } from './model.js';
import { xmlText as text } from './xml-text.js';

const MAX_WHY = 4000;

const why = (c: CheckResult): string => {
  const all = [c.message, c.detail].filter(Boolean).join('\n');
  return all.length > MAX_WHY ? `${all.slice(0, MAX_WHY)}…` : all;
};

const ms = (n: number): string => (n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`);

function header(report: RunReport): string {
  const t = totals(report.checks);
  const shard = report.shard ? ` · shard ${report.shard.index}/${report.shard.total}` : '';
  const started = report.startedAt ? ` · started ${text(report.startedAt)}` : '';
  const box = (cls: string, label: string, n: number | string): string => `<li class="${cls}"><b>${n}</b>${label}</li>`;
  return [
    `<h1>${text(report.title)}</h1>`,
    `<p class="verdict ${t.failed > 0 ? 'failed' : 'passed'}" data-testid="verdict">${t.failed > 0 ? '✗' : '✓'} ${text(verdictLine(t))}</p>`,
    '<ul class="totals">',
    box('tests', 'checks', t.tests),
    box('passed', 'passed', t.passed),
    box('failed', 'failed', t.failed),
    box('skipped', 'skipped', t.skipped),
    box('time', 'time', ms(report.durationMs)),
    ...(report.requests !== undefined ? [box('requests', 'HTTP requests', report.requests)] : []),
    '</ul>',
    `<p class="muted">${text(breakdown(report.checks) || 'no checks')}${shard}${started}</p>`,
  ].join('\n');
}

function failureList(report: RunReport, ids: Map<CheckResult, string>): string {
  const failures = report.checks.filter((c) => c.status === 'failed');
  if (failures.length === 0) return '<section id="failures"><h2>Failures</h2><p>None.</p></section>';
  const items = failures.map((c) => `<li><a href="#${ids.get(c)}" data-testid="failure-link">${text(c.suite)} › ${text(c.case)} › ${text(c.name)}</a>${c.message ? `<br><span class="why">${text(c.message.length > 300 ? `${c.message.slice(0, 300)}…` : c.message)}</span>` : ''}</li>`);
  return `<section id="failures"><h2>Failures (${failures.length})</h2>\n<ol class="failures">\n${items.join('\n')}\n</ol></section>`;
}

function suiteSections(report: RunReport, ids: Map<CheckResult, string>): string {
  const suites = suitesOf(report.checks);
  const overview = suites.map((s, i) => `<tr><td><a href="#suite-${i}">${text(s.name)}</a></td><td class="n">${s.cases}</td><td class="n">${s.totals.tests}</td><td class="n">${s.totals.failed}</td><td class="n">${s.totals.skipped}</td><td class="n">${ms(s.durationMs)}</td></tr>`);
  const sections = suites.map((s, i) => {
    const rows: string[] = [];
    let lastCase: string | undefined;
    for (const c of s.checks) {
      if (c.case !== lastCase) rows.push(`<tr class="case"><th colspan="4">${text(c.case)}</th></tr>`);
      lastCase = c.case;
      rows.push(`<tr id="${ids.get(c)}" class="${c.status}"><td class="status ${c.status}">${c.status}</td><td>${text(c.name)}</td><td class="why">${text(why(c))}</td><td class="n">${ms(c.durationMs)}</td></tr>`);
    }
    const summary = `${text(s.name)} <span class="muted">· ${s.totals.tests} checks, ${s.totals.failed} failed${s.totals.skipped ? `, ${s.totals.skipped} skipped` : ''}</span>`;
    return `<details class="suite" id="suite-${i}"${s.totals.failed > 0 ? ' open' : ''}><summary>${summary}</summary>\n<table>\n${rows.join('\n')}\n</table></details>`;
  });
  return [
    '<section id="suites"><h2>By action and surface</h2>',
    '<table class="overview"><tr><th>action</th><th class="n">cases</th><th class="n">checks</th><th class="n">failed</th><th class="n">skipped</th><th class="n">time</th></tr>',
    ...overview,
    '</table>',
    ...sections,
    '</section>',
  ].join('\n');
}

export function renderHtml(report: RunReport): string {
  const ids = new Map(report.checks.map((c, i) => [c, `check-${i}`]));
  const t = totals(report.checks);
  const title = `${report.title}: ${t.failed > 0 ? `${t.failed} failed` : 'passed'}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${text(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</head><body>',
    `<header>${header(report)}</header>`,
    failureList(report, ids),
    suiteSections(report, ids),
    report.plan.length > 0 ? `<section id="plan"><h2>Where each surface went</h2><pre>${text(report.plan.join('\n'))}</pre></section>` : '',
    report.about ? `<section id="about"><h2>About this contract</h2>\n${markdownToHtml(report.about)}</section>` : '',
    '</body></html>',
    '',
  ].join('\n');
}
