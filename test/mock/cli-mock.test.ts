// `asr-contract mock` as users run it: a child process that prints one line with its URL,
// serves requests, and stops cleanly on SIGINT and SIGTERM.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { callTc3 } from '../helpers/api3-client.js';
import { runCli } from '../helpers/cli.js';
import { BIN, startMockProcess } from '../helpers/mock-process.js';
import { alive, until } from '../helpers/processes.js';

const start = startMockProcess;

describe('asr-contract mock (process)', () => {
  test.each(['SIGINT', 'SIGTERM'] as const)('prints its URL, serves, and stops on %s', async (signal) => {
    const { child, firstLine, exit } = start(['--port', '0']);
    const line = await firstLine;
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1];
    expect(url).toBeDefined();
    expect((await callTc3(url!, 'DescribeAsyncRecognitionTasks', {})).json.Response.Error).toBeUndefined();
    child.kill(signal);
    const { code, stderr } = await exit;
    expect(code).toBe(0);
    expect(stderr).toContain('stopped');
  });

  test('--clock starts the emulator\'s clock at that time; GET /_emulator/clock tells it', async () => {
    const { child, firstLine, exit } = start(['--port', '0', '--clock', '2030-01-01T08:00:00+08:00']);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(await firstLine)![1]!;
    try {
      const clock = (await (await fetch(`${url}/_emulator/clock`)).json()) as { now: string };
      expect(Date.parse(clock.now) - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(0);
      expect(Date.parse(clock.now) - Date.parse('2030-01-01T00:00:00Z')).toBeLessThan(60_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exit).code).toBe(0);
  });

  test('a port already in use is a clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCli(['mock', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  test.each([
    [['--port', 'eighty'], /--port must be a port number/],
    [['--step-ms=-5'], /--step-ms must be a whole number/],
    [['--verbose'], /Unknown option '--verbose'/],
    [['--recognizer', 'whisper'], /--recognizer must be canned or pocketsphinx, got "whisper"/],
    [['--clock', 'tomorrow'], /--clock must be an ISO 8601 time with its zone, such as 2030-01-01T00:00:00Z; got "tomorrow"/],
  ])('%j is a usage error', async (args, message) => {
    const r = await runCli(['mock', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('--recognizer pocketsphinx without pocketsphinx installed refuses to start and says what to install', async () => {
    const r = await runCli(['mock', '--recognizer', 'pocketsphinx', '--port', '0'], { PATH: '/nonexistent' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--recognizer pocketsphinx cannot start: pocketsphinx_continuous is not on PATH\. Install Debian's packages: apt-get install pocketsphinx pocketsphinx-en-us/);
  });
});

describe('asr-contract mock in scripts', () => {
  const work = mkdtempSync(join(tmpdir(), 'asr-mock-cli-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('start-up lines name every SecretId it accepts and never a key; health answers 200 with the surfaces', async () => {
    const env = { TENCENTCLOUD_SECRET_ID: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', TENCENTCLOUD_SECRET_KEY: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLEkey' };
    const { child, firstLine, exit } = start(['--port', '0'], env);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(await firstLine)![1]!;
    try {
      const res = await fetch(`${url}/_emulator/health`);
      expect(res.status).toBe(200);
      const health = (await res.json()) as Record<string, unknown>;
      expect(health).toMatchObject({ status: 'running', service: 'asr', apiVersion: '2019-06-14', secretIds: [env.TENCENTCLOUD_SECRET_ID, 'AKIDLOCALEMULATOR00000000000000000000'] });
      expect(health.surfaces).toMatchObject({ api3: '/', endpoints: { FlashRecognition: '/asr/flash/v1/{appId}' }, channels: { realtime: '/asr/v2/{appId}' } });
      expect(JSON.stringify(health)).not.toContain(env.TENCENTCLOUD_SECRET_KEY);
      expect((await fetch(`${url}/_emulator/health`, { method: 'POST' })).status).toBe(405);
    } finally {
      child.kill('SIGTERM');
    }
    const { stderr } = await exit;
    const printed = `${await firstLine}\n${stderr}`;
    expect(printed).not.toContain(env.TENCENTCLOUD_SECRET_KEY);
    expect(printed).not.toContain('local-emulator-test-key-not-a-secret');
  });

  test('--pid-file holds the pid while it runs and is removed when it stops', async () => {
    const pidFile = join(work, 'mock.pid');
    const { child, firstLine, exit } = start(['--port', '0', '--pid-file', pidFile]);
    await firstLine;
    expect(Number(readFileSync(pidFile, 'utf8'))).toBe(child.pid);
    child.kill('SIGTERM');
    await exit;
    expect(existsSync(pidFile)).toBe(false);
  });

  test('--detach returns once health answers, leaves the emulator running, and kill stops it', async () => {
    const pidFile = join(work, 'detached.pid');
    const log = join(work, 'detached.log');
    const r = await runCli(['mock', '--port', '0', '--detach', '--pid-file', pidFile, '--log', log], { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, work);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [, url, pid] = /listening on (http:\/\/127\.0\.0\.1:\d+) in the background \(pid (\d+)\)/.exec(r.stdout)!;
    expect(Number(readFileSync(pidFile, 'utf8'))).toBe(Number(pid));
    expect((await fetch(`${url}/_emulator/health`)).status).toBe(200);
    process.kill(Number(pid), 'SIGTERM');
    await until(() => !alive(Number(pid)), 'the detached emulator to stop');
    expect(existsSync(pidFile)).toBe(false);
    expect(readFileSync(log, 'utf8')).toMatch(/listening on[\s\S]*stopped \(SIGTERM\)/);
  });

  test('--detach that cannot start says why, with the child\'s own message', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as { port: number }).port;
      const r = await runCli(['mock', '--port', String(port), '--detach'], { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, work);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`exited with code 2 before it was ready:\\n.*port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });

  test('a foreground emulator whose parent is killed stops by itself (no orphan holding the port)', async () => {
    // A shell in the middle plays npx: it starts the emulator and is then killed, as `kill <npx pid>` does.
    const pidFile = join(work, 'orphan.pid');
    const shell = spawn('sh', ['-c', `"${process.execPath}" "${BIN}" mock --port 0 --pid-file "${pidFile}"; true`], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, stdio: 'ignore' });
    await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 'the emulator to write its pid file');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    shell.kill('SIGKILL');
    await until(() => !alive(pid), 'the orphaned emulator to stop');
    expect(existsSync(pidFile)).toBe(false);
  });
});
