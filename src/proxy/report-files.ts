// The proxy's and verify's report on disk: the RunReport as JSON, written whole and renamed into
// place so a reader never sees half a report.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { totals, type RunReport } from '../report/model.js';

export const PROXY_REPORT_FILE = 'proxy-report.json';

export function writeRunReport(dir: string, report: RunReport): string[] {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, PROXY_REPORT_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ ...report, totals: totals(report.checks) }, null, 2)}\n`);
  renameSync(tmp, path);
  return [path];
}
