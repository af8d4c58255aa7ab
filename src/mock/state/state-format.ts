// The state file (--state PATH): a header line, then one change per line (state/changes.ts), each a
// JSON array ending in a newline. Reading it replays every change under the rules the store itself
// keeps, so a file of the wrong shape is refused with the line that breaks them, never half-loaded.
import { isUtf8 } from 'node:buffer';
import type { ResourceKind } from '../../model/emulator-types.js';
import type { StoredRecord, UsageEntry } from './changes.js';

export const STATE_FORMAT = 'asr-contract emulator state';
export const STATE_VERSION = 2;
export const headerLine = (): string => `${JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION })}\n`;

export interface StateImage {
  counter: number;
  clockOffsetMs: number;
  collections: Map<string, Map<string, StoredRecord>>;
  usage: Map<string, UsageEntry>;
}

export interface ReadState {
  image: StateImage;
  /** Bytes of an unfinished last line that were left out (only when a crash explains them). */
  droppedTail: number;
}

/** The file is not a state this emulator can load; `line` is 1-based. */
export class StateFormatError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

const ID_PATTERNS: Record<ResourceKind['id']['style'], (v: unknown) => boolean> = {
  hex32: (v) => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(v),
  uint64: (v) => Number.isSafeInteger(v) && (v as number) > 0,
};
const BOOKKEEPING = new Set(['_n', '_created']);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasProtoKey = (v: unknown): boolean =>
  v !== null && typeof v === 'object' && (Object.prototype.hasOwnProperty.call(v, '__proto__') || Object.values(v).some(hasProtoKey));

/** Lines of the buffer, without their newlines; `tail` is what follows the last newline. */
function splitLines(buf: Buffer): { lines: Buffer[]; tail: Buffer } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
    lines.push(buf.subarray(start, nl));
    start = nl + 1;
  }
  return { lines, tail: buf.subarray(start) };
}

function parseLine(line: Buffer, n: number): unknown {
  if (!isUtf8(line)) throw new StateFormatError('is not UTF-8 text', n);
  const text = line.toString('utf8');
  if (text.trim() === '') throw new StateFormatError('is empty', n);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new StateFormatError(`is not valid JSON (${(e as Error).message})`, n);
  }
  if (text.includes('"__proto__"') && hasProtoKey(value)) throw new StateFormatError('has a key named __proto__', n);
  return value;
}

function checkHeader(buf: Buffer, first: Buffer): void {
  let header: unknown;
  try {
    header = parseLine(first, 1);
  } catch (e) {
    // An earlier emulator wrote the whole state as one (indented) JSON document.
    const whole = tryJson(buf);
    if (isObject(whole) && typeof whole.version === 'number') throw versionError(whole.version);
    throw e;
  }
  if (!isObject(header)) throw new StateFormatError('is not an emulator state file: its first line is not the header', 1);
  if (header.format !== STATE_FORMAT) {
    if (typeof header.version === 'number') throw versionError(header.version);
    throw new StateFormatError(`is not an emulator state file: its first line is not the header ${headerLine().trim()}`, 1);
  }
  if (header.version !== STATE_VERSION) throw versionError(header.version);
}

const versionError = (version: unknown): StateFormatError =>
  new StateFormatError(`holds state of version ${JSON.stringify(version)}, and this emulator reads version ${STATE_VERSION} only (version 1 was one JSON document, written by asr-contract before the journal)`);

function tryJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Reads a state file. An unfinished last line is a truncated file, refused like any other damage,
 * unless `crashed` (the emulator that held the file died): then it is the write that crash cut
 * short, never acknowledged, and it is left out.
 */
export function readState(buf: Buffer, kinds: Map<string, ResourceKind>, crashed: boolean): ReadState {
  if (buf.length === 0) throw new StateFormatError('is empty');
  const { lines, tail } = splitLines(buf);
  checkHeader(buf, lines[0] ?? tail);
  if (lines.length === 0) throw new StateFormatError('ends in the middle of its first line (truncated)', 1);
  if (tail.length > 0 && !crashed) throw new StateFormatError(`ends in the middle of a line (truncated: the last ${tail.length} bytes have no newline)`, lines.length + 1);
  const replay = new Replay(kinds);
  lines.slice(1).forEach((line, i) => replay.apply(parseLine(line, i + 2), i + 2));
  return { image: replay.image, droppedTail: tail.length };
}

class Replay {
  readonly image: StateImage = { counter: 0, clockOffsetMs: 0, collections: new Map(), usage: new Map() };

  constructor(private readonly kinds: Map<string, ResourceKind>) {
    for (const name of kinds.keys()) this.image.collections.set(name, new Map());
  }

  apply(change: unknown, n: number): void {
    const fail = (message: string): never => {
      throw new StateFormatError(message, n);
    };
    if (!Array.isArray(change) || typeof change[0] !== 'string') return fail('is not a change (a JSON array naming its operation first)');
    const [op, a, b, c] = change as [string, unknown, unknown, unknown];
    const arity: Record<string, number> = { new: 3, set: 4, del: 3, use: 3, unuse: 2, counter: 2, clock: 2 };
    if (arity[op] === undefined) return fail(`names an unknown operation ${JSON.stringify(op)}`);
    if (change.length !== arity[op]) return fail(`"${op}" takes ${arity[op]! - 1} values, not ${change.length - 1}`);
    switch (op) {
      case 'new':
        return this.create(this.kind(a, fail), b, fail);
      case 'set':
        return this.update(this.kind(a, fail), b, c, fail);
      case 'del': {
        const kind = this.kind(a, fail);
        this.collection(kind).delete(this.existing(kind, b, fail));
        return;
      }
      case 'use':
        return this.use(a, b, fail);
      case 'unuse':
        if (typeof a !== 'string' || !this.image.usage.delete(a)) fail(`removes usage ${JSON.stringify(a)}, which the file never added`);
        return;
      case 'counter':
        if (!Number.isSafeInteger(a) || (a as number) < 0) return fail(`the counter must be a whole number, not ${JSON.stringify(a)}`);
        if ((a as number) < this.image.counter) fail(`the counter ${String(a)} is below ${this.image.counter}, the number of an id already issued: new ids would repeat old ones`);
        this.image.counter = a as number;
        return;
      case 'clock':
        if (!Number.isSafeInteger(a)) return fail(`the clock offset must be a whole number of ms, not ${JSON.stringify(a)}`);
        this.image.clockOffsetMs = a as number;
        return;
    }
  }

  private kind(name: unknown, fail: (m: string) => never): ResourceKind {
    const kind = typeof name === 'string' ? this.kinds.get(name) : undefined;
    return kind ?? fail(`names the resource kind ${JSON.stringify(name)}, which is not one of the specs' (${[...this.kinds.keys()].join(', ')})`);
  }

  private collection(kind: ResourceKind): Map<string, StoredRecord> {
    return this.image.collections.get(kind.name)!;
  }

  private existing(kind: ResourceKind, id: unknown, fail: (m: string) => never): string {
    const key = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
    if (key === undefined || !this.collection(kind).has(key)) fail(`changes ${kind.name} ${JSON.stringify(id)}, which the file never created (or already deleted)`);
    return key!;
  }

  private create(kind: ResourceKind, record: unknown, fail: (m: string) => never): void {
    if (!isObject(record)) return fail(`a new ${kind.name} must be a JSON object`);
    const id = record[kind.id.field];
    if (id === undefined) return fail(`a new ${kind.name} has no ${kind.id.field}`);
    if (!ID_PATTERNS[kind.id.style](id)) return fail(`${kind.id.field} ${JSON.stringify(id)} is not a ${kind.id.style} id`);
    if (this.collection(kind).has(String(id))) return fail(`${kind.id.field} ${JSON.stringify(id)} appears twice`);
    const issued = record._n;
    if (!Number.isSafeInteger(issued) || (issued as number) <= this.image.counter) {
      return fail(`${kind.id.field} ${JSON.stringify(id)} has the issue number ${JSON.stringify(issued)}; it must be a whole number above ${this.image.counter}, the last one issued`);
    }
    if (typeof record._created !== 'number' || !Number.isFinite(record._created)) return fail(`${kind.id.field} ${JSON.stringify(id)} has no creation time (_created)`);
    this.checkFields(kind, record, fail);
    this.image.counter = issued as number;
    this.collection(kind).set(String(id), record as StoredRecord);
  }

  private update(kind: ResourceKind, id: unknown, fields: unknown, fail: (m: string) => never): void {
    const key = this.existing(kind, id, fail);
    if (!isObject(fields)) return fail('the changed fields must be a JSON object');
    const fixed = Object.keys(fields).find((k) => k === kind.id.field || BOOKKEEPING.has(k));
    if (fixed) return fail(`a change may not rewrite ${fixed}`);
    this.checkFields(kind, fields, fail);
    Object.assign(this.collection(kind).get(key)!, fields);
  }

  private checkFields(kind: ResourceKind, fields: Record<string, unknown>, fail: (m: string) => never): void {
    if ('_updated' in fields && (typeof fields._updated !== 'number' || !Number.isFinite(fields._updated))) fail(`${kind.name} _updated must be a time in ms`);
    if ('_seen' in fields && !Number.isSafeInteger(fields._seen)) fail(`${kind.name} _seen must be a step number`);
  }

  private use(key: unknown, entry: unknown, fail: (m: string) => never): void {
    if (typeof key !== 'string' || !/^.+\|\d{4}-\d{2}-\d{2}$/.test(key)) return fail(`usage ${JSON.stringify(key)} is not "business|YYYY-MM-DD"`);
    if (!isObject(entry) || !Number.isSafeInteger(entry.count) || (entry.count as number) < 0 || typeof entry.seconds !== 'number' || !(entry.seconds >= 0)) {
      return fail(`usage ${key} must be {"count": whole number, "seconds": number}, not ${JSON.stringify(entry)}`);
    }
    this.image.usage.set(key, { count: entry.count as number, seconds: entry.seconds });
  }
}
