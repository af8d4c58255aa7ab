// One change to the emulator's state, as the store reports it and as a state file holds it (one
// JSON array per line). A change names only what it touches, so writing it costs its own size,
// never the size of the whole state.

export type StoredRecord = Record<string, unknown> & {
  /** Bookkeeping, kept beside the fields: the counter value that issued its id, creation time, last update. */
  _n: number;
  _created: number;
  _updated: number;
  /** The progress step the last read showed (state/progress.ts). */
  _seen?: number;
};

export interface UsageEntry {
  count: number;
  seconds: number;
}

export type Change =
  /** A record was created: the whole record. */
  | ['new', string, StoredRecord]
  /** Fields of a record changed: only those fields, merged over it. */
  | ['set', string, string | number, Record<string, unknown>]
  /** A record was deleted, or expired. */
  | ['del', string, string | number]
  /** A day's usage for one business name (`biz|YYYY-MM-DD`), as it now stands. */
  | ['use', string, UsageEntry]
  /** A day's usage expired. */
  | ['unuse', string]
  /** The id counter, written when a state file is rewritten (it never goes back). */
  | ['counter', number]
  /** The emulator's clock offset from the real time, in ms. */
  | ['clock', number];

/** Where the store sends its changes: nowhere (memory only) or a state file. */
export interface ChangeLog {
  /** `record`: with a "set", the record it changes (a rewrite must encode it afresh). */
  append(change: Change, record?: StoredRecord): void;
  /** Resolves once every change appended so far is on disk. */
  durable(): Promise<void>;
  close(): Promise<void>;
}

export const MEMORY_ONLY: ChangeLog = {
  append: () => {},
  durable: () => Promise.resolve(),
  close: () => Promise.resolve(),
};
