// Stage 1: spec text → YAML documents that remember where every node came from.
// Reading the disk is separate from parsing so that `diff` can feed files from a git ref.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from './diagnostics.js';
import { readSpecFile, type ReadProblem } from './read-spec-file.js';
import { isStackOverflow, nestingMessage, toJsWithinLimits } from './yaml-limits.js';

export interface SpecText {
  /** Relative to the project root, forward slashes, e.g. `specs/actions/usage/GetUsageByDate.yaml`. */
  path: string;
  text: string;
  /** Set when the file could not be read as a spec (not a regular file, too large, not UTF-8); `text` is then empty. */
  problem?: ReadProblem;
}

export interface SpecFile extends SpecText {
  doc: Document.Parsed;
  lines: LineCounter;
  /** `doc` as plain JavaScript, converted once; treat as read-only. */
  data: unknown;
}

/** Every `.yaml`/`.yml` file under `dir`, sorted by path. */
export function readSpecTree(dir: string, root: string): SpecText[] {
  const files: SpecText[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) {
        const read = readSpecFile(full);
        files.push({ path: relative(root, full).split(sep).join('/'), ...('text' in read ? { text: read.text } : { text: '', problem: read.problem }) });
      }
    }
  };
  walk(dir);
  return files;
}

/**
 * Files parsed by this process, by path, with the text they were parsed from. `build --watch`
 * compiles the whole tree on every save; only the files whose text changed are parsed again. A file
 * is reused only for the very same text, and its parsed form is treated as read-only everywhere.
 */
const parsed = new Map<string, SpecFile>();

export function parseSpecFiles(texts: readonly SpecText[]): { files: SpecFile[]; diagnostics: Diagnostic[] } {
  const files: SpecFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const t of texts) {
    if (t.problem) {
      diagnostics.push({ rule: t.problem.rule, severity: 'error', message: t.problem.message, file: t.path, line: t.problem.line, column: t.problem.column });
      continue;
    }
    const known = parsed.get(t.path);
    if (known && known.text === t.text) {
      files.push(known);
      continue;
    }
    const lines = new LineCounter();
    const doc = parseDocument(t.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const overflow = doc.errors.find((e) => isStackOverflow(e.message));
    if (overflow) {
      const pos = lines.linePos(overflow.pos[0]);
      diagnostics.push({ rule: 'resource-limit', severity: 'error', message: nestingMessage(), file: t.path, line: pos.line, column: pos.col });
      continue;
    }
    if (doc.errors.length > 0) {
      const seen = new Set<number>();
      for (const e of doc.errors) {
        if (seen.has(e.pos[0])) continue; // the parser often reports one slip several ways
        seen.add(e.pos[0]);
        const pos = lines.linePos(e.pos[0]);
        const duplicate = e.code === 'DUPLICATE_KEY';
        const key = /^[^:\s]+/.exec(t.text.slice(e.pos[0]))?.[0];
        diagnostics.push({
          rule: duplicate ? 'duplicate-key' : 'yaml-syntax',
          severity: 'error',
          message: duplicate ? `key \`${key}\` appears twice in the same mapping` : (e.message.split('\n')[0] ?? e.message),
          file: t.path,
          line: pos.line,
          column: pos.col,
        });
      }
      continue;
    }
    const converted = toJsWithinLimits(doc, lines);
    if ('problem' in converted) {
      diagnostics.push({ ...converted.problem, file: t.path });
      continue;
    }
    const file = { ...t, doc, lines, data: converted.data };
    parsed.set(t.path, file);
    files.push(file);
  }
  return { files, diagnostics };
}
