// The proxy's and verify's reports on disk: the same files as the contract run's (run-report.json, which
// merge-reports reads, then JUnit, the HTML page, the job summary and CTRF), rendered from the same
// RunReport by the same renderers, so a CI dashboard reads a proxy run like any other.
import { REPORT_FORMATS, writeReports } from '../report/write.js';
import type { RunReport } from '../report/model.js';

export function writeRunReport(dir: string, report: RunReport): string[] {
  return writeReports(report, dir, REPORT_FORMATS);
}
