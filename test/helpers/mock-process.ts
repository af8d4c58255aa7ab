// `asr-contract mock` as a child process, as users run it: its first line, its URL, its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

export const BIN = join(PACKAGE_ROOT, 'bin/asr-contract.js');

export interface MockProcess {
  child: ChildProcess;
  firstLine: Promise<string>;
  /** The URL from its first line (rejects if it exits first). */
  url: Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function startMockProcess(args: string[], env: NodeJS.ProcessEnv = {}): MockProcess {
  const child = spawn(process.execPath, [BIN, 'mock', ...args], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '', ...env } });
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${stderr}`)));
  });
  firstLine.catch(() => {}); // a test that expects the exit reads `exit` instead
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
  const url = firstLine.then((l) => {
    const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(l)?.[1];
    if (!found) throw new Error(`no URL in its first line: ${l}`);
    return found;
  });
  url.catch(() => {});
  return { child, firstLine, url, exit };
}
