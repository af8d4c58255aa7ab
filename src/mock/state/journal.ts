// The state file as an append-only journal, in the manner of Redis's AOF with `appendfsync always`:
// every change is one line appended, and whoever waits on durable() is answered once its line is
// written and fdatasync'ed. Changes that arrive while a write is under way go out together in the
// next one (group commit), so a burst costs one sync, not one per change. When the file has grown
// well past the live state, it is rewritten whole (aside, then renamed into place), so its size and
// the cost of reading it stay in proportion to what is live.
import { closeSync, constants, fchmodSync, fchownSync, fdatasync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, write, writeSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { Change, ChangeLog } from './changes.js';

const writeAsync = promisify(write);
const datasyncAsync = promisify(fdatasync);

/** A rewrite is due once the file is this much larger than twice its size after the last one. */
const REWRITE_SLACK_BYTES = 8 * 1024 * 1024;

export const encodeChange = (change: Change): string => `${JSON.stringify(change)}\n`;

/**
 * Writes `content` as the file at `path`: aside first, synced, given the old file's mode (and owner,
 * when run as root), renamed over it, and the folder synced. Returns the new file open for appending.
 */
export function replaceFile(path: string, content: Buffer, like?: Stats): number {
  const aside = `${path}.tmp`;
  const fd = openSync(aside, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND, like ? like.mode & 0o7777 : 0o666);
  try {
    for (let at = 0; at < content.length; ) at += writeSync(fd, content, at);
    if (like) {
      fchmodSync(fd, like.mode & 0o7777);
      if (process.getuid?.() === 0 && like.uid !== 0) fchownSync(fd, like.uid, like.gid);
    }
    fdatasyncSync(fd);
    renameSync(aside, path);
  } catch (e) {
    closeSync(fd);
    rmSync(aside, { force: true });
    throw e;
  }
  syncFolder(path);
  return fd;
}

function syncFolder(path: string): void {
  let dir: number | undefined;
  try {
    dir = openSync(dirname(path), 'r');
    fsyncSync(dir);
  } catch {
    // some file systems cannot sync a folder; the rename itself is still atomic
  } finally {
    if (dir !== undefined) closeSync(dir);
  }
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class Journal implements ChangeLog {
  private pending: string[] = [];
  private appended = 0;
  private synced = 0;
  private waiters: Waiter[] = [];
  private running: Promise<void> | undefined;
  private baseBytes: number;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly path: string,
    private fd: number,
    private bytes: number,
    /** The whole state as file content (header and one change per record). */
    private readonly rewrite: () => Buffer,
    private readonly like: Stats | undefined,
    private readonly onClose: () => void,
  ) {
    this.baseBytes = bytes;
  }

  append(change: Change): void {
    this.pending.push(encodeChange(change));
    this.appended += 1;
    this.kick();
  }

  durable(): Promise<void> {
    if (this.synced >= this.appended) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ upTo: this.appended, resolve, reject });
      this.kick();
    });
  }

  /** Writes what is pending, closes the file and lets go of it; again, it does nothing. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.running) await this.running;
      if (this.pending.length > 0) await this.durable().catch(() => {});
      closeSync(this.fd);
      this.onClose();
    })();
    return this.closing;
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.run().then((ok) => {
      this.running = undefined;
      // Changes may have come in after the last batch was taken; after a failure, only a waiting
      // client makes it try again (no busy loop on a full disk).
      if (this.pending.length > 0 && (ok || this.waiters.length > 0)) this.kick();
    });
  }

  /** Writes until nothing is pending; false when a write failed. */
  private async run(): Promise<boolean> {
    await null; // every change of the current request joins this write
    while (this.pending.length > 0) {
      const upTo = this.appended;
      const lines = this.pending;
      this.pending = [];
      try {
        if (this.bytes > 2 * this.baseBytes + REWRITE_SLACK_BYTES) this.compact();
        else await this.write(Buffer.from(lines.join('')));
      } catch (e) {
        // Nothing of this batch counts as written; it goes out again with the next change.
        this.pending = [...lines, ...this.pending];
        this.settle(this.synced, e as Error);
        return false;
      }
      this.settle(upTo);
    }
    return true;
  }

  private async write(data: Buffer): Promise<void> {
    try {
      for (let at = 0; at < data.length; ) at += (await writeAsync(this.fd, data, at, data.length - at, null)).bytesWritten;
      await datasyncAsync(this.fd);
    } catch (e) {
      // Cut off whatever part did land, so the next write starts on a line of its own.
      try {
        ftruncateSync(this.fd, this.bytes);
      } catch {
        // the next start reads the file and refuses it if it is damaged
      }
      throw e;
    }
    this.bytes += data.length;
  }

  /** Memory is ahead of the file, so the rewritten state holds every change appended so far. */
  private compact(): void {
    const content = this.rewrite();
    const fd = replaceFile(this.path, content, this.like);
    closeSync(this.fd);
    this.fd = fd;
    this.bytes = this.baseBytes = content.length;
  }

  private settle(upTo: number, error?: Error): void {
    this.synced = Math.max(this.synced, upTo);
    const waiting: Waiter[] = [];
    for (const w of this.waiters) {
      if (w.upTo <= this.synced) w.resolve();
      else if (error) w.reject(error);
      else waiting.push(w);
    }
    this.waiters = waiting;
  }
}
