// CTRF, the Common Test Report Format (ctrf.io): one JSON document that a growing set of CI tools
// read (GitHub summaries, Slack and dashboard integrations). Each check is one test; its suite path
// is [action or surface, case].
import { checkTitle, suitesOf, totals, type RunReport } from './model.js';

export const CTRF_SPEC_VERSION = '0.0.0';

export function renderCtrf(report: RunReport): string {
  const t = totals(report.checks);
  const start = report.startedAt ? Date.parse(report.startedAt) : 0;
  const stop = start + Math.round(report.durationMs);
  const document = {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    ...(report.startedAt ? { timestamp: report.startedAt } : {}),
    generatedBy: 'asr-contract',
    results: {
      tool: { name: 'asr-contract' },
      summary: {
        tests: t.tests,
        passed: t.passed,
        failed: t.failed,
        skipped: t.skipped,
        pending: 0,
        other: 0,
        suites: suitesOf(report.checks).length,
        start,
        stop,
        duration: Math.round(report.durationMs),
        extra: { title: report.title, ...(report.shard ? { shard: `${report.shard.index}/${report.shard.total}` } : {}), ...(report.requests !== undefined ? { requests: report.requests } : {}) },
      },
      tests: report.checks.map((c) => ({
        name: checkTitle(c),
        status: c.status,
        duration: Math.round(c.durationMs),
        suite: [c.suite, c.case],
        ...(c.message ? { message: c.message } : {}),
        ...(c.detail ? { trace: c.detail } : {}),
        type: c.source,
      })),
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
