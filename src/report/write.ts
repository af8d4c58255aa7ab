// The reports of one RunReport, written together: the run report itself (what merge-reports reads)
// and the files of the formats asked for. All files land at once or none do; the job summary is
// also appended to the CI's summary file when one is given ($GITHUB_STEP_SUMMARY).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomically } from '../write-files.js';
import { renderCtrf } from './ctrf.js';
import { renderHtml } from './html.js';
import { RUN_REPORT_FILE, serializeReport } from './json.js';
import { renderJunit } from './junit.js';
import type { RunReport } from './model.js';
import { renderSummaryMarkdown } from './summary-markdown.js';

export const REPORT_FORMATS = ['junit', 'html', 'summary', 'ctrf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FILES: Record<ReportFormat, string> = {
  junit: 'junit.xml',
  html: 'report.html',
  summary: 'summary.md',
  ctrf: 'ctrf.json',
};

const RENDER: Record<ReportFormat, (r: RunReport) => string> = {
  junit: renderJunit,
  html: renderHtml,
  summary: renderSummaryMarkdown,
  ctrf: renderCtrf,
};

/** File name → content: the run report, then each format asked for. Pure. */
export function renderReports(report: RunReport, formats: readonly ReportFormat[]): Map<string, string> {
  const files = new Map<string, string>([[RUN_REPORT_FILE, serializeReport(report)]]);
  for (const f of formats) files.set(REPORT_FILES[f], RENDER[f](report));
  return files;
}

/** Writes the reports into `outDir`; returns the paths written (the CI summary file last, when appended to). */
export function writeReports(report: RunReport, outDir: string, formats: readonly ReportFormat[], options: { stepSummary?: string } = {}): string[] {
  const files = renderReports(report, formats);
  writeFilesAtomically(outDir, files);
  const written = [...files.keys()].map((name) => join(outDir, name));
  if (formats.includes('summary') && options.stepSummary) {
    appendFileSync(options.stepSummary, files.get(REPORT_FILES.summary)!);
    written.push(options.stepSummary);
  }
  return written;
}
