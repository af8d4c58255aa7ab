// Maps a path inside a spec file (the same path ajv reports) back to line and column.
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { DiagnosticRule } from './diagnostic-rules.js';
import type { Diagnostic, Severity } from './diagnostics.js';
import type { SpecFile } from './load.js';

export type SpecPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/**
 * Position of the node at `path`; with `atKey`, of the key that names it.
 * An unresolvable path falls back to the deepest node that exists, so a message always has a place.
 */
export function locate(file: SpecFile, path: SpecPath, atKey = false): Position {
  let node: unknown = file.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(segment));
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      if (last && atKey && keyStart !== undefined) return position(file, keyStart);
      node = pair.value;
      offset = rangeStart(pair.value) ?? keyStart ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else break;
  }
  return position(file, offset);
}

export function diagnosticAt(
  file: SpecFile,
  path: SpecPath,
  rule: DiagnosticRule,
  message: string,
  opts: { severity?: Severity; hint?: string | undefined; atKey?: boolean } = {},
): Diagnostic {
  const { line, column } = locate(file, path, opts.atKey);
  return {
    rule,
    severity: opts.severity ?? 'error',
    message,
    file: file.path,
    line,
    column,
    ...(opts.hint !== undefined ? { hint: opts.hint } : {}),
  };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function position(file: SpecFile, offset: number): Position {
  const p = file.lines.linePos(offset);
  return { line: p.line, column: p.col };
}
