// --state PATH: the state file is locked, read, checked line by line and loaded, then rewritten
// whole (compacted, expired records gone) and kept open as the store's journal. Whatever is wrong
// with it stops the start with one line, and a refused file is left exactly as it was.
import { accessSync, closeSync, constants, existsSync, fstatSync, openSync, readFileSync, realpathSync, rmSync, type Stats } from 'node:fs';
import { readState, StateFormatError } from './state-format.js';
import { acquireStateLock, StateLockedError, type StateLock } from './state-lock.js';
import { Journal } from './journal.js';
import type { Store } from './store.js';

/** The state file cannot be used: the emulator must not start. */
export class StateFileError extends Error {}

/** Far above any state the specs' caps allow; a larger file is not one the emulator wrote. */
const MAX_STATE_BYTES = 512 * 1024 * 1024;

const reason = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  const words: Record<string, string> = { ENOENT: 'its folder does not exist', ENOTDIR: 'a part of the path is a file', EISDIR: 'it is a folder', EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'read-only file system', ENOSPC: 'no space left' };
  return (err.code && words[err.code]) ?? err.message;
};

/** Write permission from the mode bits: root may write anything, but a file marked read-only is kept so. */
function writable(path: string, st: Stats): boolean {
  if (process.getuid?.() === 0) return (st.mode & 0o222) !== 0;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The file's bytes and status, or undefined when there is none yet. */
function readExisting(path: string): { bytes: Buffer; stat: Stats } | undefined {
  let fd: number;
  try {
    // Non-blocking, so that a FIFO in its place cannot hang the start before it is recognised.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read the state file ${path}: ${reason(e)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new StateFileError(`state file ${path} is not a regular file`);
    if (!writable(path, stat)) {
      throw new StateFileError(`state file ${path} is read-only (mode ${(stat.mode & 0o777).toString(8).padStart(4, '0')}); the emulator appends every change to it: make it writable, or pass another --state`);
    }
    if (stat.size > MAX_STATE_BYTES) throw new StateFileError(`state file ${path} is ${stat.size} bytes, more than any emulator state (${MAX_STATE_BYTES}); move it away`);
    return { bytes: readFileSync(fd), stat };
  } finally {
    closeSync(fd);
  }
}

export function openStateFile(store: Store, given: string, log: (line: string) => void): void {
  // A link to the state is followed, so that rewrites replace the file it points to, not the link.
  const path = existsSync(given) ? realpathSync(given) : given;
  let lock: StateLock;
  try {
    lock = acquireStateLock(path);
  } catch (e) {
    if (e instanceof StateLockedError) throw new StateFileError(`state file ${path} ${e.message}`);
    throw new StateFileError(`cannot lock the state file ${path}: ${e instanceof Error && !(e as NodeJS.ErrnoException).code ? e.message : reason(e)}`);
  }
  try {
    rmSync(`${path}.tmp`, { force: true }); // a rewrite that a crash interrupted
    const found = readExisting(path);
    if (found) {
      const { image, droppedTail } = readState(found.bytes, store.kinds, lock.takenOverFrom !== undefined);
      store.load(image);
      if (lock.takenOverFrom !== undefined) log(`state file ${path}: taken over from the emulator (pid ${lock.takenOverFrom}) that stopped without releasing it`);
      if (droppedTail > 0) log(`state file ${path}: left out its last ${droppedTail} bytes, a write that the crash cut short and that no client was told of`);
    }
    store.sweep();
    const journal = new Journal(path, () => store.changes(), found?.stat, () => lock.release());
    journal.start();
    store.attach(journal);
  } catch (e) {
    lock.release();
    if (e instanceof StateFileError) throw e;
    if (e instanceof StateFormatError) throw new StateFileError(`state file ${path}${e.line ? ` line ${e.line}` : ''} ${e.message}; move it away or fix it`);
    throw new StateFileError(`cannot write the state file ${path}: ${reason(e)}`);
  }
}

let lastFailure = '';

/** Waits until the store's changes are durable; false (said once per distinct failure) when they cannot be. */
export async function whenDurable(store: Store, log: (line: string) => void): Promise<boolean> {
  try {
    await store.durable();
    lastFailure = '';
    return true;
  } catch (e) {
    const message = `cannot write the state file: ${reason(e)}; the change is kept in memory, answered InternalError, and written with the next one`;
    if (message !== lastFailure) log(message);
    lastFailure = message;
    return false;
  }
}
