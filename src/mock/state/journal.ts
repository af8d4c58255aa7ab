// The state file as an append-only journal, in the manner of Redis's AOF with `appendfsync always`:
// every change is one line appended, and whoever waits on durable() is answered once its line is
// written and fdatasync'ed. Changes that arrive while a write is under way go out together in the
// next one (group commit), so a burst costs one sync, not one per change. When the file has grown
// well past the live state, it is rewritten whole (aside, then renamed into place), so its size and
// the cost of reading it stay in proportion to what is live.
import { closeSync, constants, fchmodSync, fchownSync, fdatasync, fdatasyncSync, fsyncSync, ftruncateSync, openSync, renameSync, rmSync, writev, writeSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { Change, ChangeLog, StoredRecord } from './changes.js';
import { headerLine } from './state-format.js';

const writevAsync = promisify(writev);
const datasyncAsync = promisify(fdatasync);

/** A rewrite is due once the file is this much larger than twice its size after the last one. */
const REWRITE_SLACK_BYTES = 8 * 1024 * 1024;

export const encodeChange = (change: Change): Buffer => Buffer.from(`${JSON.stringify(change)}\n`);

// A rewrite goes to PATH.tmp, synced, given the old file's mode (and owner, when run as root), then
// renamed over PATH, and the folder synced. The new file stays open for appending.
function openAside(path: string, like: Stats | undefined): number {
  return openSync(`${path}.tmp`, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND, like ? like.mode & 0o7777 : 0o666);
}

function putInPlace(fd: number, path: string, like: Stats | undefined): void {
  if (like) {
    fchmodSync(fd, like.mode & 0o7777);
    if (process.getuid?.() === 0 && like.uid !== 0) fchownSync(fd, like.uid, like.gid);
  }
  renameSync(`${path}.tmp`, path);
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

function dropAside(fd: number, path: string): void {
  closeSync(fd);
  rmSync(`${path}.tmp`, { force: true });
}

/** At start: writes `content` as the file at `path` and returns it open for appending. */
export function replaceFile(path: string, content: Buffer, like?: Stats): number {
  const fd = openAside(path, like);
  try {
    for (let at = 0; at < content.length; ) at += writeSync(fd, content, at);
    fdatasyncSync(fd);
    putInPlace(fd, path, like);
  } catch (e) {
    dropAside(fd, path);
    throw e;
  }
  return fd;
}

/** Writes every chunk, in order, off the event loop. */
async function writeAll(fd: number, chunks: Buffer[]): Promise<void> {
  let rest = chunks;
  while (rest.length > 0) {
    let written = (await writevAsync(fd, rest)).bytesWritten;
    let done = 0;
    while (done < rest.length && written >= rest[done]!.length) written -= rest[done++]!.length;
    rest = done < rest.length ? [rest[done]!.subarray(written), ...rest.slice(done + 1)] : [];
  }
}

interface Waiter {
  upTo: number;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class Journal implements ChangeLog {
  private pending: Buffer[] = [];
  private appended = 0;
  private synced = 0;
  private waiters: Waiter[] = [];
  private running: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private baseBytes = 0;
  private bytes = 0;
  private fd = -1;
  /**
   * Each record's line as last written whole, until a change to it: a rewrite then encodes only
   * what changed since, instead of stopping the emulator to encode 10,000 tasks at once.
   */
  private readonly lines = new WeakMap<StoredRecord, Buffer>();

  constructor(
    private readonly path: string,
    /** The whole state as changes (Store.changes). */
    private readonly state: () => Change[],
    private readonly like: Stats | undefined,
    private readonly onClose: () => void,
    private readonly slackBytes = REWRITE_SLACK_BYTES,
  ) {}

  /** Writes the whole state as the file now (at start) and keeps it open for appending. */
  start(): void {
    const content = Buffer.concat(this.content());
    this.fd = replaceFile(this.path, content, this.like);
    this.bytes = this.baseBytes = content.length;
  }

  append(change: Change, record?: StoredRecord): void {
    const line = encodeChange(change);
    if (change[0] === 'new') this.lines.set(change[2], line);
    else if (record) this.lines.delete(record);
    this.pending.push(line);
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

  /** The whole state as lines, the header first. */
  private content(): Buffer[] {
    const lines = this.state().map((c) => {
      if (c[0] !== 'new') return encodeChange(c);
      let line = this.lines.get(c[2]);
      if (line === undefined) this.lines.set(c[2], (line = encodeChange(c)));
      return line;
    });
    return [Buffer.from(headerLine()), ...lines];
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
    // One batch is synced while the next is written: a change waits for a sync begun after its own
    // write, not also for the one under way when it came in. Writes stay in order, one at a time.
    let syncing: Promise<void> = Promise.resolve();
    let syncFailed: Error | undefined;
    while (this.pending.length > 0 && !syncFailed) {
      let upTo = this.appended;
      let lines = this.pending;
      this.pending = [];
      try {
        if (this.bytes > 2 * this.baseBytes + this.slackBytes) {
          await syncing;
          // Changes appended during that wait are in the state the rewrite takes below, in the same
          // turn of the event loop: they must not also be written after it (a change to a record the
          // rewrite already left out, deleted, would then refer to nothing).
          lines = [...lines, ...this.pending];
          this.pending = [];
          upTo = this.appended;
          await this.rewrite();
          this.settle(upTo);
          continue;
        }
        await this.write(lines);
      } catch (e) {
        // Nothing of this batch counts as written; it goes out again with the next change.
        this.pending = [...lines, ...this.pending];
        await syncing;
        this.settle(this.synced, e as Error);
        return false;
      }
      const previous = syncing;
      syncing = datasyncAsync(this.fd).then(
        () => this.settle(upTo),
        (e: Error) => void (syncFailed = e),
      );
      await previous;
    }
    await syncing;
    // A failed sync leaves its lines written but not known to be on disk: their clients are told so.
    if (syncFailed) this.settle(this.synced, syncFailed);
    return !syncFailed;
  }

  private async write(lines: Buffer[]): Promise<void> {
    try {
      await writeAll(this.fd, lines);
    } catch (e) {
      // Cut off whatever part did land, so the next write starts on a line of its own.
      try {
        ftruncateSync(this.fd, this.bytes);
      } catch {
        // the next start reads the file and refuses it if it is damaged
      }
      throw e;
    }
    this.bytes += lines.reduce((n, l) => n + l.length, 0);
  }

  /**
   * Memory is ahead of the file, so the state taken now holds every change appended so far; those
   * appended while it is written go to the new file after it.
   */
  private async rewrite(): Promise<void> {
    const content = this.content();
    const fd = openAside(this.path, this.like);
    try {
      await writeAll(fd, content);
      await datasyncAsync(fd);
      putInPlace(fd, this.path, this.like);
    } catch (e) {
      dropAside(fd, this.path);
      throw e;
    }
    closeSync(this.fd);
    this.fd = fd;
    this.bytes = this.baseBytes = content.reduce((n, l) => n + l.length, 0);
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
