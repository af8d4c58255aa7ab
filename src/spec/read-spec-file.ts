// Reads one spec file from disk, refusing what is not a spec before it can hurt: a path that is not a
// regular file (a FIFO would block the read forever, a device would never end), a file past the size
// limit, and bytes that are not UTF-8 (a lenient decode would carry U+FFFD into generated/).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { DiagnosticRule } from './diagnostic-rules.js';

/** The loader's own bound, far above any real spec file (the largest is under 30 KB). */
export const MAX_SPEC_FILE_BYTES = 1024 * 1024;

/** Why a file was not read; it becomes a diagnostic at this place. */
export interface ReadProblem {
  rule: Extract<DiagnosticRule, 'not-a-file' | 'not-utf8' | 'resource-limit'>;
  message: string;
  line: number;
  column: number;
}

/** Reused by every read: reading is synchronous, so one buffer serves the whole tree. */
let scratchBuffer: Buffer | undefined;

export type SpecBytes = { text: string } | { problem: ReadProblem };

export function readSpecFile(full: string): SpecBytes {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; fstat then tells what it is.
  const fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { problem: { rule: 'not-a-file', message: `it is ${kindOf(stat)}, not a regular file, so it was not read`, line: 1, column: 1 } };
    if (stat.size > MAX_SPEC_FILE_BYTES) return { problem: tooLarge(stat.size) };
    // Up to one byte past the limit, whatever fstat said, so a file that grows meanwhile is still caught.
    const scratch = (scratchBuffer ??= Buffer.alloc(MAX_SPEC_FILE_BYTES + 1));
    let size = 0;
    for (let n = 1; n > 0 && size < scratch.length; size += n) n = readSync(fd, scratch, size, scratch.length - size, null);
    if (size > MAX_SPEC_FILE_BYTES) return { problem: tooLarge(size) };
    return decodeSpecBytes(Buffer.from(scratch.subarray(0, size)));
  } finally {
    closeSync(fd);
  }
}

/** Strict UTF-8: the first byte that breaks it is reported by line and column. */
export function decodeSpecBytes(bytes: Buffer): SpecBytes {
  if (isUtf8(bytes)) return { text: bytes.toString('utf8') };
  const at = firstInvalidUtf8(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
  const line = bytes.subarray(0, lineStart).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
  const column = bytes.subarray(lineStart, at).toString('utf8').length + 1;
  const hex = `0x${bytes[at]!.toString(16).padStart(2, '0')}`;
  return { problem: { rule: 'not-utf8', message: `byte ${hex} (offset ${at}) is not UTF-8 text; save the file as UTF-8`, line, column } };
}

function tooLarge(size: number): ReadProblem {
  return { rule: 'resource-limit', message: `the file is ${size} bytes; a spec file may have at most ${MAX_SPEC_FILE_BYTES}`, line: 1, column: 1 };
}

function kindOf(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(b: Buffer): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    const [len, lo, hi] = c < 0x80 ? [1, 0, 0] : c >= 0xc2 && c <= 0xdf ? [2, 0x80, 0xbf] : c === 0xe0 ? [3, 0xa0, 0xbf] : c === 0xed ? [3, 0x80, 0x9f] : c >= 0xe1 && c <= 0xef ? [3, 0x80, 0xbf] : c === 0xf0 ? [4, 0x90, 0xbf] : c === 0xf4 ? [4, 0x80, 0x8f] : c >= 0xf1 && c <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (len === 0 || i + len > b.length) return i;
    if (len > 1 && (b[i + 1]! < lo || b[i + 1]! > hi)) return i;
    for (let k = 2; k < len; k++) if (b[i + k]! < 0x80 || b[i + k]! > 0xbf) return i;
    i += len;
  }
  return b.length;
}
