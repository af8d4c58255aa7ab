// Runs the Bruno CLI (@usebruno/cli's bru) as a user would, from a collection folder, and reads its
// JSON report. Bounded: a run that takes longer than `timeoutMs` is stopped and fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithReport } from './report-run.js';

const require = createRequire(import.meta.url);
export const BRU = join(require.resolve('@usebruno/cli/package.json'), '../bin/bru.js');

export interface BruTest {
  description: string;
  status: 'pass' | 'fail';
  error?: string;
}
export interface BruResult {
  name: string;
  path: string;
  status: string;
  error?: string | null;
  testResults: BruTest[];
}
export interface BruSummary {
  totalRequests: number;
  failedRequests: number;
  errorRequests: number;
  totalTests: number;
  passedTests: number;
  failedTests: number;
}
export interface BruRun {
  code: number | null;
  output: string;
  results: BruResult[];
  summary: BruSummary;
}

export async function runBru(cwd: string, args: string[], timeoutMs = 420_000): Promise<BruRun> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-bru-'));
  const report = join(dir, 'report.json');
  try {
    const run = await runWithReport<{ results: BruResult[]; summary: BruSummary }[]>([BRU, 'run', ...args, '--reporter-json', report], cwd, { ...process.env, FORCE_COLOR: '0' }, report, timeoutMs);
    return { code: run.code, output: run.output, results: run.report[0]!.results, summary: run.report[0]!.summary };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per test, as `request | test | ok|FAIL`, in run order: what two runners' runs are compared by. */
export const bruTestLines = (results: BruResult[]): string[] => results.flatMap((r) => r.testResults.map((t) => `${r.name} | ${t.description} | ${t.status === 'pass' ? 'ok' : 'FAIL'}`));
