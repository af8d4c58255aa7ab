// A long-running command started through npx and orphaned when npx is killed (a CI step cancelled, a
// terminal closed) must not run on under PID 1: it notices its parent is gone and stops.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { miniProjects } from '../helpers/spec-fixtures.js';
import { alive } from '../helpers/processes.js';

const projects = miniProjects('asr-orphan-');
afterEach(projects.removeAll);
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

/** Every process below `pid`, from /proc (children of each of its threads). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number): void => {
    let kids: number[] = [];
    try {
      kids = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return;
    }
    for (const k of kids) {
      out.push(k);
      walk(k);
    }
  };
  walk(pid);
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.runIf(existsSync('/proc/self/task'))('orphaned by killing npx, nothing is left behind', () => {
  test.each([
    ['mock', (): string[] => ['mock', '--port', '0'], /listening on/],
    ['build --watch', (): string[] => ['build', '--watch', '--root', projects.make()], /watching /],
  ])('%s', async (_, args, ready) => {
    const npx = spawn('npx', ['--no-install', 'asr-contract', ...args()], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(npx.pid!);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready within 60 s:\n${out}`)), 60_000);
      const on = (c: Buffer): void => {
        out += c.toString();
        if (ready.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      };
      npx.stdout.on('data', on);
      npx.stderr.on('data', on);
    });
    const below = descendants(npx.pid!);
    started.push(...below);
    expect(below.length, 'npx started the command as a child').toBeGreaterThan(0);
    npx.kill('SIGKILL');
    // Bounded: the command checks its parent every half second.
    for (let i = 0; i < 100 && below.some(alive); i++) await sleep(100);
    expect(below.filter(alive)).toEqual([]);
  }, 90_000);
});
