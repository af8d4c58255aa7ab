// Exchanges as the one report model every reporter renders (src/report/model.ts): one case per
// exchange, one check per rule checked, grouped by action or surface.
import type { CheckResult, RunReport } from '../report/model.js';
import { suiteOf, type Exchange } from './exchange.js';

export function exchangeReport(title: string, plan: string[], exchanges: readonly Exchange[], durationMs: number): RunReport {
  const checks: CheckResult[] = [];
  exchanges.forEach((x, i) => {
    const name = `${suiteOf(x)} #${i + 1} ${x.requestId ?? ''}`.trim();
    for (const c of x.checks) {
      const first = c.findings[0];
      checks.push({
        suite: suiteOf(x),
        case: name,
        name: c.name,
        status: c.status,
        ...(c.status === 'failed' ? { message: first ? `${first.pointer || '/'} ${first.rule}` : (c.detail ?? c.name) } : c.status === 'skipped' ? { message: c.detail ?? '' } : {}),
        ...(c.findings.length > 0 || c.detail ? { detail: [...c.findings.map((f) => `${f.pointer || '/'} ${f.rule}`), ...(c.detail ? [c.detail] : [])].join('\n') } : {}),
        durationMs: Math.round(x.durationMs),
        source: 'proxy',
      });
    }
  });
  return { title, plan, durationMs: Math.round(durationMs), checks };
}
