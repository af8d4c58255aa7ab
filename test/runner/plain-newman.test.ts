// The README's promise: plain newman, nothing of ours but the two generated files, passes against
// a running `asr-contract mock` (both as child processes, as a user would run them).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

function spawnMock(): Promise<{ url: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'mock', '--port', '0'], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`mock exited (${code})`)));
  });
}

function newman(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'node_modules/newman/bin/newman.js'), ...args], { cwd: PACKAGE_ROOT });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stdout += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout }));
  });
}

describe('plain newman against asr-contract mock', () => {
  test('newman run generated/asr.postman_collection.json -e generated/local.postman_environment.json', async () => {
    const mock = await spawnMock();
    try {
      const r = await newman(['run', 'generated/asr.postman_collection.json', '-e', 'generated/local.postman_environment.json', '--env-var', `baseUrl=${mock.url}`, '--env-var', `flashBaseUrl=${mock.url}`, '--reporters', 'cli', '--color', 'off']);
      expect(r.stdout).toMatch(/│\s+assertions\s+│\s+\d+\s+│\s+0\s+│/);
      expect(r.code).toBe(0);
    } finally {
      mock.stop();
    }
  });
});
