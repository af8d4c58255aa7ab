// asr-contract merge-reports: the reports of a run's shards (`test --shard K/N` in a CI job matrix)
// joined into the report of the whole run, with the same reporters and counts as an unsplit run.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseReport, ReportFileError, RUN_REPORT_FILE } from '../report/json.js';
import { mergeReports, MergeError } from '../report/merge.js';
import type { RunReport } from '../report/model.js';
import { CliError, UsageError, type Io } from './io.js';
import { outputDir } from './paths.js';
import { fileFormats, finishReport, parseReporters } from './report-output.js';

export const MERGE_REPORTS_USAGE = `Usage: asr-contract merge-reports DIR... [--out DIR] [--reporters LIST]

Joins the reports of the shards of one run (asr-contract test --shard K/N, one CI job each) into the
report of the whole run. Each DIR is a folder a shard wrote (its --out), or its run-report.json.
  --out DIR         where the merged reports go (default reports/contract); not one of the DIRs
  --reporters LIST  comma-separated; default junit,html, plus summary when $GITHUB_STEP_SUMMARY is set:
                      junit    junit.xml, a testsuite per action or surface, a testcase per check
                      html     report.html, self-contained (works offline); htmlextra is the old name
                      summary  summary.md, appended to $GITHUB_STEP_SUMMARY when that is set
                      ctrf     ctrf.json, the Common Test Report Format
                    run-report.json and contract-summary.json are always written.

Every check of every shard is kept; the shards' identical preflight checks count once. A shard of the
run whose report is missing counts as a failed check, so a crashed job cannot make the merge green.
Exit codes: 0 all passed, 1 a check failed (or a shard is missing), 2 a report could not be read.`;

const REPORTERS = ['junit', 'html', 'summary', 'ctrf'] as const;
type Reporter = (typeof REPORTERS)[number];

/** A full run's report is well under 1 MB; anything past this is not one. */
const MAX_REPORT_BYTES = 64 * 1024 * 1024;

function readReportFile(path: string, shown: string): RunReport {
  const size = statSync(path).size;
  if (size > MAX_REPORT_BYTES) throw new CliError(`${shown} is ${Math.round(size / 1024 / 1024)} MB, more than a run report can be (${MAX_REPORT_BYTES / 1024 / 1024} MB)`);
  return parseReport(readFileSync(path, 'utf8'), shown);
}

/** The run report a DIR argument names: DIR/run-report.json, or the file itself. */
function reportPath(cwd: string, arg: string): string {
  const path = resolve(cwd, arg);
  let s;
  try {
    s = statSync(path);
  } catch {
    throw new CliError(`${arg}: no such folder or file`);
  }
  if (!s.isDirectory()) return path;
  const inside = join(path, RUN_REPORT_FILE);
  try {
    if (statSync(inside).isFile()) return inside;
  } catch {
    // reported below
  }
  throw new CliError(`${arg} holds no ${RUN_REPORT_FILE}: point at the folder a run wrote its reports into (its --out)`);
}

export function runMergeReports(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string' }, reporters: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('name the folders of the shards to merge');
  const reporters = parseReporters<Reporter>(values.reporters, REPORTERS, ['junit', 'html'], io.env);
  const out = outputDir(io.cwd, values.out ?? join('reports', 'contract'), '--out');
  const paths = positionals.map((p) => reportPath(io.cwd, p));
  const clash = paths.find((p) => p === join(out, RUN_REPORT_FILE));
  if (clash) throw new CliError(`--out ${values.out ?? 'reports/contract'} is one of the folders being merged; write the merged report somewhere else`);
  let merged: RunReport;
  try {
    merged = mergeReports(
      paths.map((p, i) => readReportFile(p, positionals[i]!)),
      positionals,
    );
  } catch (e) {
    if (e instanceof ReportFileError || e instanceof MergeError) throw new CliError(e.message);
    throw e;
  }
  io.stdout(`asr-contract merge-reports: ${positionals.length} report${positionals.length === 1 ? '' : 's'} into ${out}`);
  return finishReport(merged, out, fileFormats(reporters), io);
}
