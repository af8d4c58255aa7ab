// No report or log of a run holds the full SecretId or any form of the key. The CLI runs as its own
// process, as in CI, with every reporter on (newman's own cli and json included) and a job summary
// file: then every file it wrote, and its stdout and stderr, are searched.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { maskSecretId } from '../../src/report/redact.js';
import { projectModel, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  files: Map<string, string>;
}

/** `asr-contract test` as a child process; resolves with its output and every file it wrote. */
function runCliProcess(args: string[], env: Record<string, string>): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), 'asr-secrets-'));
  temps.push(out);
  const summary = join(out, 'step-summary.md');
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'test', ...args, '--reporters', 'progress,cli,junit,json,html,summary,ctrf', '--out', out], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '', TENCENTCLOUD_TOKEN: '', ...env, GITHUB_STEP_SUMMARY: summary, FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`asr-contract test did not finish within 150 s:\n${stdout.slice(-2000)}`));
    }, 150_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const files = new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
      resolve({ code, stdout, stderr, files });
    });
  });
}

/** Every form a value could take in a text report. */
const formsOf = (value: string): string[] => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1), Buffer.from(value).toString('base64'), Buffer.from(value).toString('hex')];

function leaks(run: Run, secretId: string, secrets: string[]): string[] {
  const found: string[] = [];
  const texts = new Map([...run.files, ['stdout', run.stdout], ['stderr', run.stderr]]);
  for (const [where, text] of texts) {
    if (text.includes(secretId)) found.push(`${where}: the SecretId`);
    for (const s of secrets) for (const f of formsOf(s)) if (text.includes(f)) found.push(`${where}: a secret as ${JSON.stringify(f)}`);
  }
  return found;
}

describe('credentials in the reports and logs of a run', () => {
  const env = { TENCENTCLOUD_SECRET_ID: 'AKIDsecretsTest7a1b2c3d4e5f6a7b8c9dWXYZ', TENCENTCLOUD_SECRET_KEY: 'secrets-test-key/+=must-never-leak', TENCENTCLOUD_APPID: '1300000000' };
  let em: TestEmulator;
  let remote: Run;
  let local: Run;
  beforeAll(async () => {
    em = await startTestEmulator({}, env);
    // Both runs at once: with credentials from the environment against --base-url, and with the
    // emulator's local test pair against an in-process emulator.
    [remote, local] = await Promise.all([runCliProcess(['--base-url', em.url], env), runCliProcess([], {})]);
  }, 180_000);
  afterAll(() => em?.close());

  test('with TENCENTCLOUD_* credentials: the run passes, and nothing it wrote or printed holds the SecretId or the key', () => {
    expect(remote.stderr).toBe('');
    expect(remote.code).toBe(0);
    expect([...remote.files.keys()].sort()).toEqual(['contract-summary.json', 'ctrf.json', 'junit.xml', 'newman.json', 'report.html', 'run-report.json', 'step-summary.md', 'summary.md']);
    expect(leaks(remote, env.TENCENTCLOUD_SECRET_ID, [env.TENCENTCLOUD_SECRET_KEY])).toEqual([]);
    // The SecretId shows by its last 4 characters: in the plan, and in every signed request newman recorded.
    expect(remote.stdout).toContain(`TENCENTCLOUD_SECRET_ID ${maskSecretId(env.TENCENTCLOUD_SECRET_ID)} (and its key)`);
    expect(remote.files.get('newman.json')!.split(maskSecretId(env.TENCENTCLOUD_SECRET_ID)).length).toBeGreaterThan(300);
    // newman's own line per request (the cli reporter) went through the mask too: flash carries the SecretId in its query.
    expect(remote.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/asr\/flash\/v1\/1300000000\?.*secretid=\*+WXYZ/);
  });

  test("with the emulator's local test pair: the same", () => {
    const pair = projectModel().service.local;
    expect(local.code).toBe(0);
    expect(leaks(local, pair.secretId, [pair.secretKey])).toEqual([]);
    expect(local.stdout).toContain(`SecretId ${maskSecretId(pair.secretId)}`);
  });
});
