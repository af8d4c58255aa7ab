// One emulator per state file: PATH.lock names the process that holds it. The lock appears whole or
// not at all (written aside, then hard-linked into place, which fails if one exists). A lock whose
// process is gone (kill -9, a power cut) is stale and taken over; on Linux the process's start time
// is kept too, so a pid reused by another program does not pass for the holder.
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

export interface StateLock {
  /** The pid of a crashed holder whose lock was taken over. */
  takenOverFrom?: number;
  release(): void;
}

/** Another live emulator holds the state; `pid` names it. */
export class StateLockedError extends Error {
  constructor(
    message: string,
    readonly pid: number,
  ) {
    super(message);
  }
}

interface Holder {
  pid: number;
  start?: string;
}

/** The process's start time in clock ticks since boot (Linux), or undefined elsewhere. */
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function alive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = holder.start === undefined ? undefined : startTime(holder.pid);
  return start === undefined || start === holder.start;
}

function readHolder(lockPath: string): { text: string; holder?: Holder } | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch {
    return undefined; // released meanwhile
  }
  try {
    const h = JSON.parse(text) as Holder;
    if (Number.isSafeInteger(h.pid) && h.pid > 0) return { text, holder: { pid: h.pid, ...(typeof h.start === 'string' ? { start: h.start } : {}) } };
  } catch {
    // not a lock this emulator wrote
  }
  return { text };
}

export function acquireStateLock(statePath: string): StateLock {
  const lockPath = `${statePath}.lock`;
  const start = startTime(process.pid);
  const mine = JSON.stringify({ pid: process.pid, ...(start ? { start } : {}) });
  const aside = `${lockPath}.${process.pid}.new`;
  writeFileSync(aside, mine);
  let takenOverFrom: number | undefined;
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(aside, lockPath);
        return { ...(takenOverFrom !== undefined ? { takenOverFrom } : {}), release: () => release(lockPath, mine) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const found = readHolder(lockPath);
      if (!found) continue;
      if (!found.holder) throw new Error(`${lockPath} is not a lock this emulator wrote; remove it if no emulator uses the state`);
      if (alive(found.holder)) throw new StateLockedError(`is in use by another emulator (pid ${found.holder.pid}); stop that one, or pass another --state`, found.holder.pid);
      // Stale. Moved aside before removal, so that of two emulators taking it over at once, only
      // the one that moved the stale lock itself goes on; the other puts back what it moved.
      const stale = `${lockPath}.${process.pid}.stale`;
      try {
        renameSync(lockPath, stale);
      } catch {
        continue;
      }
      if (readFileSync(stale, 'utf8') === found.text) takenOverFrom = found.holder.pid;
      else linkBack(stale, lockPath);
      rmSync(stale, { force: true });
    }
    throw new Error(`${lockPath} keeps changing hands; is another emulator starting on the same state?`);
  } finally {
    rmSync(aside, { force: true });
  }
}

function linkBack(moved: string, lockPath: string): void {
  try {
    linkSync(moved, lockPath);
  } catch {
    // a third emulator holds it by now
  }
}

function release(lockPath: string, mine: string): void {
  try {
    if (readFileSync(lockPath, 'utf8') === mine) rmSync(lockPath, { force: true });
  } catch {
    // already gone
  }
}
