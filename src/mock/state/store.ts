// Bounded in-memory state, one collection per resource kind declared in specs/emulator.yaml.
// Records expire after their kind's retention, and a cap counts live records only. Every change is
// reported to a ChangeLog (state/journal.ts with --state; nothing otherwise), and durable() tells
// when all of them are on disk: the server answers only then. Nothing else in the emulator knows
// how state persists.
import { createHash } from 'node:crypto';
import type { EmulatorSpec, ResourceKind } from '../../model/emulator-types.js';
import { ApiError } from '../errors.js';
import { MEMORY_ONLY, type Change, type ChangeLog, type StoredRecord, type UsageEntry } from './changes.js';
import { EmulatorClock } from './clock.js';
import { isExpired, usageExpired } from './expiry.js';
import type { StateImage } from './state-format.js';

export type { StoredRecord, UsageEntry } from './changes.js';

const SWEEP_EVERY_MS = 60_000;

export class Store {
  private collections = new Map<string, Map<string, StoredRecord>>();
  private usage = new Map<string, UsageEntry>();
  private counter = 0;
  private log: ChangeLog = MEMORY_ONLY;
  private sweeper: NodeJS.Timeout | undefined;
  readonly kinds: Map<string, ResourceKind>;
  readonly clock: EmulatorClock;

  constructor(
    private readonly spec: EmulatorSpec,
    private readonly seed: string,
    wall: () => number = Date.now,
    private readonly onInsert: (kind: string, record: StoredRecord) => void = () => {},
  ) {
    this.kinds = new Map(spec.resources.map((r) => [r.name, r]));
    for (const r of spec.resources) this.collections.set(r.name, new Map());
    this.clock = new EmulatorClock(wall);
  }

  /** The emulator's time (state/clock.ts). */
  now(): number {
    return this.clock.now();
  }

  kind(name: string): ResourceKind {
    const k = this.kinds.get(name);
    if (!k) throw new Error(`unknown resource kind ${name}`); // spec rules prevent this
    return k;
  }

  /** Live records, oldest first. */
  all(kindName: string): StoredRecord[] {
    const kind = this.kind(kindName);
    this.sweepKind(kind, false);
    const now = this.now();
    return [...this.collections.get(kindName)!.values()].filter((r) => !isExpired(kind, r, now));
  }

  /** Records held in memory, expired ones not yet swept included. */
  held(kind: string): number {
    return this.collections.get(kind)!.size;
  }

  /** A live record; an expired one is removed here and answers like an id never issued. */
  get(kind: string, id: unknown): StoredRecord | undefined {
    const record = this.collections.get(kind)!.get(String(id));
    if (record && isExpired(this.kind(kind), record, this.now())) {
      this.remove(kind, record);
      return undefined;
    }
    return record;
  }

  newId(kind: ResourceKind): string | number {
    this.counter += 1;
    const h = createHash('sha256').update(`${this.seed}/${kind.name}/${this.counter}`).digest('hex');
    switch (kind.id.style) {
      case 'hex32':
        return h.slice(0, 32);
      case 'uuid':
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
      case 'uint64':
        // Ten-digit ids like the service's, far below 2^53 so JavaScript clients keep them exact.
        return 4_000_000_000 + this.counter * 7 + (parseInt(h.slice(0, 2), 16) % 7);
    }
  }

  insert(kindName: string, fields: Record<string, unknown>, now: number): StoredRecord {
    const kind = this.kind(kindName);
    const collection = this.collections.get(kindName)!;
    if (collection.size >= kind.cap.max) this.sweepKind(kind, true);
    if (collection.size >= kind.cap.max) throw new ApiError(kind.cap.error);
    if (kind.unique) {
      const value = fields[kind.unique.field];
      if (this.all(kindName).some((r) => r[kind.unique!.field] === value)) throw new ApiError(kind.unique.error, kind.unique.field);
    }
    const id = this.newId(kind);
    // A state file that lowered the counter is refused at load, so this is only a last guard.
    if (collection.has(String(id))) throw new Error(`${kindName} id ${String(id)} was issued twice`);
    const record = { ...fields, [kind.id.field]: id, _n: this.counter, _created: now, _updated: now } as StoredRecord;
    collection.set(String(id), record);
    this.log.append(['new', kindName, record]);
    this.onInsert(kindName, record);
    return record;
  }

  update(kindName: string, record: StoredRecord, fields: Record<string, unknown>, now: number): void {
    const kind = this.kind(kindName);
    if (kind.unique && kind.unique.field in fields) {
      const value = fields[kind.unique.field];
      const clash = this.all(kindName).some((r) => r !== record && r[kind.unique!.field] === value);
      if (clash) throw new ApiError(kind.unique.error, kind.unique.field);
    }
    this.touch(kindName, record, { ...fields, _updated: now });
  }

  /** Fields that changed without an update (a task's progress): merged in and logged, nothing stamped. */
  touch(kindName: string, record: StoredRecord, fields: Record<string, unknown>): void {
    Object.assign(record, fields);
    const id = record[this.kind(kindName).id.field] as string | number;
    // A record already removed (expired while a callback was pending) has nothing left to change.
    if (this.collections.get(kindName)!.get(String(id)) === record) this.log.append(['set', kindName, id, fields], record);
  }

  remove(kindName: string, record: StoredRecord): void {
    const id = record[this.kind(kindName).id.field] as string | number;
    if (this.collections.get(kindName)!.delete(String(id))) this.log.append(['del', kindName, id]);
  }

  meter(biz: string, date: string, seconds: number): void {
    const key = `${biz}|${date}`;
    const entry = this.usage.get(key);
    if (!entry && this.usage.size >= this.spec.usage.maxEntries) this.sweepUsage();
    if (!entry && this.usage.size >= this.spec.usage.maxEntries) throw new ApiError(this.spec.usage.error);
    const next = { count: (entry?.count ?? 0) + 1, seconds: (entry?.seconds ?? 0) + seconds };
    this.usage.set(key, next);
    this.log.append(['use', key, next]);
  }

  usageBetween(biz: string, from: string, to: string): { count: number; seconds: number } {
    let count = 0;
    let seconds = 0;
    const now = this.now();
    for (const [key, v] of this.usage) {
      const [b, date] = key.split('|') as [string, string];
      if (b === biz && date >= from && date <= to && !usageExpired(this.spec, date, now)) {
        count += v.count;
        seconds += v.seconds;
      }
    }
    return { count, seconds: Math.round(seconds) };
  }

  /** Moves the clock forward (POST /_emulator/clock) and removes whatever that expires; returns how many. */
  moveClock(target: (now: number) => number): number {
    this.clock.moveTo(target);
    this.log.append(['clock', this.clock.offsetMs]);
    return this.sweep();
  }

  /** Sets the clock outright (--clock at start). */
  setClock(ms: number): void {
    this.clock.set(ms);
    this.log.append(['clock', this.clock.offsetMs]);
    this.sweep();
  }

  /** Removes every expired record and usage day; returns how many went. */
  sweep(): number {
    let removed = 0;
    for (const kind of this.kinds.values()) removed += this.sweepKind(kind, true);
    return removed + this.sweepUsage();
  }

  /**
   * Records sit in creation order, so expired ones lead: the quick sweep stops at the first live one.
   * The full sweep (before refusing a create at the cap) also finds those a clock set back left behind.
   */
  private sweepKind(kind: ResourceKind, full: boolean): number {
    if (kind.retentionMs === undefined) return 0;
    const now = this.now();
    let removed = 0;
    // Deleting the entry just visited is safe while iterating a Map.
    for (const record of this.collections.get(kind.name)!.values()) {
      if (isExpired(kind, record, now)) {
        this.remove(kind.name, record);
        removed += 1;
      } else if (!full) break;
    }
    return removed;
  }

  private sweepUsage(): number {
    const now = this.now();
    let removed = 0;
    for (const key of [...this.usage.keys()]) {
      if (!usageExpired(this.spec, key.slice(key.lastIndexOf('|') + 1), now)) continue;
      this.usage.delete(key);
      this.log.append(['unuse', key]);
      removed += 1;
    }
    return removed;
  }

  /** Resolves once every change so far is durable; the server answers only then. */
  durable(): Promise<void> {
    return this.log.durable();
  }

  /** Sweeps now and then, so expired records leave memory even when nobody asks for them. */
  startSweeping(): void {
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.log.close();
  }

  // ── persistence plumbing (state/persist.ts) ──

  /** Replaces everything with a state read from a file (state/state-format.ts checked it). */
  load(image: StateImage): void {
    for (const kind of this.kinds.keys()) this.collections.set(kind, image.collections.get(kind) ?? new Map());
    this.usage = image.usage;
    this.counter = image.counter;
    this.clock.setOffset(image.clockOffsetMs);
  }

  /** From now on, changes go to this log. */
  attach(log: ChangeLog): void {
    this.log = log;
  }

  /** The whole state as changes, oldest record first: what a rewritten state file holds. */
  changes(): Change[] {
    const records = [...this.collections].flatMap(([kind, c]) => [...c.values()].map((r): ['new', string, StoredRecord] => ['new', kind, r]));
    records.sort((a, b) => a[2]._n - b[2]._n);
    return [...records, ...[...this.usage].map(([key, entry]): Change => ['use', key, entry]), ['counter', this.counter], ['clock', this.clock.offsetMs]];
  }
}
