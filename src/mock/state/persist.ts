// --state FILE: load at start, write after every change. Writes go to a temporary file that is
// renamed into place, so a crash mid-write never leaves a truncated state file.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Store, StoreSnapshot } from './store.js';

/** The state file cannot be read or written: the emulator must not start (or must say so). */
export class StateFileError extends Error {}

const reason = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  const words: Record<string, string> = { ENOENT: 'its folder does not exist', ENOTDIR: 'a part of the path is a file', EISDIR: 'it is a folder', EACCES: 'permission denied', EROFS: 'read-only file system', ENOSPC: 'no space left' };
  return (err.code && words[err.code]) ?? err.message;
};

export function loadState(store: Store, path: string): void {
  if (!existsSync(path)) return;
  let snapshot: StoreSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as StoreSnapshot;
  } catch (e) {
    throw new StateFileError(`state file ${path} is not valid JSON (${(e as Error).message}); move it away or fix it`);
  }
  try {
    store.restore(snapshot);
  } catch (e) {
    throw new StateFileError(`state file ${path} does not hold emulator state (${(e as Error).message}); move it away or fix it`);
  }
}

export function saveState(store: Store, path: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(store.snapshot(), null, 2)}\n`);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new StateFileError(`cannot write the state file ${path}: ${reason(e)}`);
  }
}
