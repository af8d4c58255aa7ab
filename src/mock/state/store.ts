// Bounded in-memory state, one collection per resource kind declared in specs/emulator.yaml.
// Records are plain JSON objects so the whole store can be persisted and reloaded as is.
import { createHash } from 'node:crypto';
import type { EmulatorSpec, ResourceKind } from '../../model/emulator-types.js';
import { ApiError } from '../errors.js';

export type StoredRecord = Record<string, unknown> & {
  /** Bookkeeping, kept beside the fields: creation time, last update, number of reads. */
  _created: number;
  _updated: number;
  _reads: number;
  /** The progress step the last read showed (state/progress.ts). */
  _seen?: number;
};

export interface StoreSnapshot {
  version: 1;
  counter: number;
  collections: Record<string, StoredRecord[]>;
  usage: Record<string, { count: number; seconds: number }>;
}

export class Store {
  private readonly collections = new Map<string, Map<string, StoredRecord>>();
  private usage = new Map<string, { count: number; seconds: number }>();
  private counter = 0;
  readonly kinds: Map<string, ResourceKind>;

  constructor(
    private readonly spec: EmulatorSpec,
    private readonly seed: string,
    private readonly onChange: () => void = () => {},
    private readonly onInsert: (kind: string, record: StoredRecord) => void = () => {},
  ) {
    this.kinds = new Map(spec.resources.map((r) => [r.name, r]));
    for (const r of spec.resources) this.collections.set(r.name, new Map());
  }

  kind(name: string): ResourceKind {
    const k = this.kinds.get(name);
    if (!k) throw new Error(`unknown resource kind ${name}`); // spec rules prevent this
    return k;
  }

  all(kind: string): StoredRecord[] {
    return [...this.collections.get(kind)!.values()];
  }

  get(kind: string, id: unknown): StoredRecord | undefined {
    return this.collections.get(kind)!.get(String(id));
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
    if (collection.size >= kind.cap.max) throw new ApiError(kind.cap.error);
    if (kind.unique) {
      const value = fields[kind.unique.field];
      if ([...collection.values()].some((r) => r[kind.unique!.field] === value)) throw new ApiError(kind.unique.error, kind.unique.field);
    }
    const id = this.newId(kind);
    const record: StoredRecord = { ...fields, [kind.id.field]: id, _created: now, _updated: now, _reads: 0 };
    collection.set(String(id), record);
    this.onChange();
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
    Object.assign(record, fields, { _updated: now });
    this.onChange();
  }

  remove(kindName: string, record: StoredRecord): void {
    const kind = this.kind(kindName);
    this.collections.get(kindName)!.delete(String(record[kind.id.field]));
    this.onChange();
  }

  meter(biz: string, date: string, seconds: number): void {
    const key = `${biz}|${date}`;
    const entry = this.usage.get(key);
    if (!entry && this.usage.size >= this.spec.usage.maxEntries) throw new ApiError(this.spec.usage.error);
    const next = entry ?? { count: 0, seconds: 0 };
    next.count += 1;
    next.seconds += seconds;
    this.usage.set(key, next);
    this.onChange();
  }

  usageBetween(biz: string, from: string, to: string): { count: number; seconds: number } {
    let count = 0;
    let seconds = 0;
    for (const [key, v] of this.usage) {
      const [b, date] = key.split('|') as [string, string];
      if (b === biz && date >= from && date <= to) {
        count += v.count;
        seconds += v.seconds;
      }
    }
    return { count, seconds: Math.round(seconds) };
  }

  snapshot(): StoreSnapshot {
    return {
      version: 1,
      counter: this.counter,
      collections: Object.fromEntries([...this.collections].map(([k, c]) => [k, [...c.values()]])),
      usage: Object.fromEntries(this.usage),
    };
  }

  restore(s: StoreSnapshot): void {
    if (s.version !== 1) throw new Error(`unsupported state file version ${String(s.version)}`);
    this.counter = s.counter;
    for (const [name, records] of Object.entries(s.collections)) {
      const kind = this.kinds.get(name);
      if (!kind) continue; // a kind removed from the specs since the file was written
      this.collections.set(name, new Map(records.slice(0, kind.cap.max).map((r) => [String(r[kind.id.field]), r])));
    }
    this.usage = new Map(Object.entries(s.usage));
  }
}
