// The Postman CLI (npm postman-cli): a wrapper whose binary comes in a per-platform registry package
// (@postman/pm-bin-linux-x64 and so on). Where that package is missing the tests that need it skip
// with a message, unless ASR_REQUIRE_POSTMAN_CLI=1 (CI) makes that a failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWithReport } from './report-run.js';

const require = createRequire(import.meta.url);
const WRAPPER = join(require.resolve('postman-cli/package.json'), '../bin/postman.js');
export const REQUIRE_POSTMAN_CLI = process.env.ASR_REQUIRE_POSTMAN_CLI === '1';

/** Where it is kept from: its home folder is a fresh one (it writes ~/.postman), and its update check goes to a closed loopback port. */
function isolated(home: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, ARS_CLI_BASE_URL: 'http://127.0.0.1:9', FORCE_COLOR: '0' };
}

export function postmanCliAvailable(): boolean {
  const home = mkdtempSync(join(tmpdir(), 'asr-postman-home-'));
  try {
    const ok = spawnSync(process.execPath, [WRAPPER, '--version'], { env: isolated(home), encoding: 'utf8', timeout: 60_000 }).status === 0;
    if (!ok && REQUIRE_POSTMAN_CLI) throw new Error(`ASR_REQUIRE_POSTMAN_CLI=1 but the Postman CLI does not start on ${process.platform}-${process.arch} (npm ci installs postman-cli with its platform binary)`);
    if (!ok) console.warn(`[postman-cli] skipped: the Postman CLI binary for ${process.platform}-${process.arch} is not installed (ASR_REQUIRE_POSTMAN_CLI=1 makes this a failure)`);
    return ok;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export interface PostmanCliRun {
  code: number | null;
  output: string;
  /** The run report in newman's shape (--reporter-json-structure newman). */
  report: { run: { stats: Record<string, { total: number; failed: number }>; failures: unknown[]; executions: { item: { name: string }; assertions?: { assertion: string; error?: unknown }[] }[] } };
}

/** `postman collection run ARGS…` from `cwd`, bounded by `timeoutMs`. */
export async function runPostmanCli(cwd: string, args: string[], timeoutMs = 300_000): Promise<PostmanCliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-postman-'));
  const report = join(dir, 'report.json');
  try {
    const flags = ['-r', 'cli,json', '--reporter-json-export', report, '--reporter-json-structure', 'newman'];
    return await runWithReport<PostmanCliRun['report']>([WRAPPER, 'collection', 'run', ...args, ...flags], cwd, isolated(dir), report, timeoutMs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
