// Stage 1: spec text → YAML documents that remember where every node came from.
// Reading the disk is separate from parsing so that `diff` can feed files from a git ref.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Diagnostic } from './diagnostics.js';

export interface SpecText {
  /** Relative to the project root, forward slashes, e.g. `specs/actions/usage/GetUsageByDate.yaml`. */
  path: string;
  text: string;
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
        files.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
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
    const known = parsed.get(t.path);
    if (known && known.text === t.text) {
      files.push(known);
      continue;
    }
    const lines = new LineCounter();
    const doc = parseDocument(t.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
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
    const file = { ...t, doc, lines, data: doc.toJS() };
    parsed.set(t.path, file);
    files.push(file);
  }
  return { files, diagnostics };
}
