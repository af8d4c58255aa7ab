// Runs a doc block as a reader would: through bash, in the folder its context names, with a bounded
// time, and with everything it started stopped afterwards (its process group, an emulator it detached).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import type { DocBlock } from './doc-blocks.js';
import { alive } from './processes.js';

export interface BlockRun {
  code: number | null;
  out: string;
}

/** The emulator's default port: blocks that use it, in any test file, take turns (a lock in the temp folder). */
export const DEFAULT_PORT = 8080;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const portFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

/** Whether a block starts something on the default port (an emulator without --port 0, or the `emulator` modifier). */
export function usesDefaultPort(block: DocBlock): boolean {
  if (block.run?.emulator) return true;
  return /asr-contract mock(?![^\n]*--port 0)/.test(block.text) || block.text.includes(`:${DEFAULT_PORT}`);
}

/** The blocks a `continues` block runs after (nearest first: the chain of `continues` back to its start). */
export function chainOf(block: DocBlock, earlier: readonly DocBlock[]): DocBlock[] {
  if (!block.run?.continues) return [];
  const prev = earlier.at(-1);
  return prev ? [...chainOf(prev, earlier.slice(0, -1)), prev] : [];
}

/** Runs `fn` holding the default port's lock; a lock left by a dead process is taken over. */
export async function withDefaultPort<T>(fn: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `asr-contract-port-${DEFAULT_PORT}.lock`);
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const holder = Number(readIfThere(join(lock, 'pid')) ?? NaN);
      if (Number.isInteger(holder) && !alive(holder)) rmSync(lock, { recursive: true, force: true });
      if (i > 1800) throw new Error(`port ${DEFAULT_PORT} stayed locked for 3 minutes (${lock})`);
      await sleep(100);
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

/**
 * A block that stops what it started (`trap 'kill …' EXIT`) must have done so by the time it ends: the
 * emulator it detached is gone, its pid file removed and the port free, with nothing for a test to clean.
 */
export async function leftBehind(block: DocBlock, out: string, cwd: string): Promise<string[]> {
  if (!/trap '.*kill/.test(block.text)) return [];
  const problems: string[] = [];
  for (const m of out.matchAll(/listening on \S+ in the background \(pid (\d+)\)/g)) {
    const pid = Number(m[1]);
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
    if (alive(pid)) problems.push(`process ${pid} still runs`);
  }
  if (existsSync(join(cwd, '.asr-mock.pid'))) problems.push('.asr-mock.pid is still there');
  if (usesDefaultPort(block) && !(await portFree(DEFAULT_PORT))) problems.push(`port ${DEFAULT_PORT} is still taken`);
  return problems;
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Stops an emulator a block detached (its pid file), then waits, bounded, for the default port to free. */
export async function stopDetached(cwd: string): Promise<void> {
  // The block may have stopped it already: its pid file can go between any two looks at it.
  const pid = Number(readIfThere(join(cwd, '.asr-mock.pid')) ?? 0);
  if (pid > 0 && alive(pid)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // it exited in between
    }
  }
  for (let i = 0; i < 100 && pid > 0 && alive(pid); i++) await sleep(100);
  for (let i = 0; i < 100 && !(await portFree(DEFAULT_PORT)); i++) await sleep(100);
}

/** bash -c `script` in its own process group; killed with its group after `timeoutMs`. */
export function bash(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs = 180_000): Promise<BlockRun> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const timer = setTimeout(() => {
      out += `\n[killed after ${timeoutMs / 1000} s]`;
      killGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      // Whatever it left in its group (a backgrounded process) goes with it.
      killGroup(child.pid, 'SIGTERM');
      resolve({ code, out });
    });
  });
}

/**
 * The script for a block: with `continues`, the blocks before it in its file first. Every block but a
 * documented failure runs under `set -e -o pipefail`; a block with exit=N runs its own lines without
 * -e, so that only its last command's status counts, after the blocks before it all succeeded.
 */
export function scriptFor(block: DocBlock, earlier: readonly DocBlock[]): string {
  const chain = chainOf(block, earlier);
  const prefix = chain.map((b) => b.text).join('\n');
  if ((block.run?.exit ?? [0]).join() === '0') return `set -e -o pipefail\n${prefix}\n${block.text}\n`;
  return `set -e -o pipefail\n${prefix}\nset +e\n${block.text}\n`;
}

/** A long-running command (`mock`, `build --watch`): started, seen ready, stopped with Ctrl-C (SIGINT to its group). */
export function foreground(line: string, cwd: string, env: NodeJS.ProcessEnv, ready = /listening on|watching /): Promise<BlockRun & { ready: boolean }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', line], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let seen = false;
    const onData = (c: Buffer): void => {
      out += c.toString();
      if (!seen && ready.test(out)) {
        seen = true;
        killGroup(child.pid, 'SIGINT'); // what Ctrl-C in a terminal sends
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 60_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      killGroup(child.pid, 'SIGKILL');
      resolve({ code, out, ready: seen });
    });
  });
}

/** Starts the emulator the prose asks the reader to start (`emulator` modifier) on the default port. */
export async function startDefaultEmulator(cwd: string, env: NodeJS.ProcessEnv): Promise<() => Promise<void>> {
  const dir = join(tmpdir(), `asr-doc-emulator-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, 'mock.pid');
  const r = await bash(`"${process.execPath}" "${join(PACKAGE_ROOT, 'bin/asr-contract.js')}" mock --detach --port ${DEFAULT_PORT} --pid-file "${pidFile}" --log "${join(dir, 'mock.log')}"`, cwd, env, 60_000);
  if (r.code !== 0) throw new Error(`could not start the emulator for a doc block:\n${r.out}`);
  return async () => {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (alive(pid)) process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
    rmSync(dir, { recursive: true, force: true });
  };
}
