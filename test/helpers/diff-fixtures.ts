// Diff cases: the mini spec with `old/` and `new/` overlays (either may be absent).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSpecTree, type SpecText } from '../../src/spec/load.js';
import { FIXTURES, miniSpec } from './spec-fixtures.js';

export const DIFF_CASES = join(FIXTURES, 'diff');

export function diffCases(): string[] {
  return readdirSync(DIFF_CASES).sort();
}

export function side(caseName: string, which: 'old' | 'new'): SpecText[] {
  const dir = join(DIFF_CASES, caseName, which);
  const overlay = existsSync(join(dir, 'specs')) ? readSpecTree(join(dir, 'specs'), dir) : [];
  const byPath = new Map(miniSpec().map((t) => [t.path, t]));
  for (const t of overlay) byPath.set(t.path, t);
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}
