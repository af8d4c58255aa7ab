// State files for emulator tests: a temp folder per test, a file's exact bytes and mode to compare
// before and after, and a pid that belongs to no running process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

export interface FileImage {
  bytes: Buffer;
  mode: number;
}

export function stateDir(): { dir: string; path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'asr-state-'));
  return { dir, path: join(dir, 'state.jsonl'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A state folder for the current test, removed when it finishes. */
export function tempState(): ReturnType<typeof stateDir> {
  const s = stateDir();
  onTestFinished(s.remove);
  return s;
}

export function imageOf(path: string): FileImage {
  return { bytes: readFileSync(path), mode: statSync(path).mode };
}

/** Every file in the folder but the state file itself (a lock or temp file left behind would show). */
export const othersIn = (dir: string, path: string): string[] => readdirSync(dir).filter((f) => join(dir, f) !== path);

/** The state file as parsed lines: the header, then one change per line. */
export function stateLines(path: string): unknown[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as unknown[]);
}

/** The pid of a process that has exited (a short-lived child, reaped). */
export function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  if (!r.pid || existsSync(`/proc/${r.pid}`)) throw new Error('could not find a pid that is not running');
  return r.pid;
}
