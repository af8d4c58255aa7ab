// JUnit XML, as Jenkins, GitLab and action-junit-report read it: one <testsuite> per action or
// surface, one <testcase> per check. Every count is taken from the checks themselves, so `tests`,
// `failures` and `skipped` agree with the printed summary and every other report.
import { checkTitle, seconds, suitesOf, totals, type CheckResult, type RunReport } from './model.js';
import { xmlAttr, xmlText } from './xml-text.js';

function testcase(c: CheckResult): string {
  const open = `    <testcase classname="${xmlAttr(c.suite)}" name="${xmlAttr(checkTitle(c))}" time="${seconds(c.durationMs)}"`;
  if (c.status === 'passed') return `${open}/>`;
  const body = [c.message, c.detail].filter((t): t is string => t !== undefined && t !== '').join('\n');
  const tag = c.status === 'failed' ? 'failure' : 'skipped';
  const type = c.status === 'failed' ? ` type="${xmlAttr(c.source)}"` : '';
  return `${open}>\n      <${tag} message="${xmlAttr(c.message ?? '')}"${type}>${xmlText(body)}</${tag}>\n    </testcase>`;
}

export function renderJunit(report: RunReport): string {
  const all = totals(report.checks);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="${xmlAttr(report.title)}" tests="${all.tests}" failures="${all.failed}" errors="0" skipped="${all.skipped}" time="${seconds(report.durationMs)}">`);
  for (const s of suitesOf(report.checks)) {
    const stamp = report.startedAt ? ` timestamp="${xmlAttr(report.startedAt.replace(/\.\d+Z$/, 'Z'))}"` : '';
    lines.push(`  <testsuite name="${xmlAttr(s.name)}" tests="${s.totals.tests}" failures="${s.totals.failed}" errors="0" skipped="${s.totals.skipped}" time="${seconds(s.durationMs)}"${stamp}>`);
    for (const c of s.checks) lines.push(testcase(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
