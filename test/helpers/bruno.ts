// Runs the Bruno CLI (@usebruno/cli's bru) as a user would, from a collection folder, and reads its
// JSON report. Bounded: a run that takes longer than `timeoutMs` is stopped and fails.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export function runBru(cwd: string, args: string[], timeoutMs = 420_000): Promise<BruRun> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-bru-'));
  const report = join(dir, 'report.json');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BRU, 'run', ...args, '--reporter-json', report], { cwd, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      try {
        const [iteration] = JSON.parse(readFileSync(report, 'utf8')) as { results: BruResult[]; summary: BruSummary }[];
        resolve({ code, output, results: iteration!.results, summary: iteration!.summary });
      } catch (e) {
        reject(new Error(`bru wrote no report (exit ${code}): ${String(e)}\n${output.slice(-3000)}`));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** One line per test, as `request | test | ok|FAIL`, in run order: what two runners' runs are compared by. */
export const bruTestLines = (results: BruResult[]): string[] => results.flatMap((r) => r.testResults.map((t) => `${r.name} | ${t.description} | ${t.status === 'pass' ? 'ok' : 'FAIL'}`));
