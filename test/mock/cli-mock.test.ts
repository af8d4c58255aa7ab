// `asr-contract mock` as users run it: a child process that prints one line with its URL,
// serves requests, and stops cleanly on SIGINT and SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { callTc3 } from '../helpers/api3-client.js';
import { runCli } from '../helpers/cli.js';

const BIN = join(PACKAGE_ROOT, 'bin/asr-contract.js');

function start(args: string[]): { child: ChildProcess; firstLine: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'mock', ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' } });
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { child, firstLine, exit };
}

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

  test('a port already in use is a clear error', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCli(['mock', '--port', String(port)]);
      expect(r.code).toBe(1);
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
  ])('%j is a usage error', async (args, message) => {
    const r = await runCli(['mock', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('--recognizer pocketsphinx without pocketsphinx installed refuses to start and says what to install', async () => {
    const r = await runCli(['mock', '--recognizer', 'pocketsphinx', '--port', '0'], { PATH: '/nonexistent' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--recognizer pocketsphinx cannot start: pocketsphinx_continuous is not on PATH\. Install Debian's packages: apt-get install pocketsphinx pocketsphinx-en-us/);
  });
});
