// Diff cases: the mini spec with `old/` and `new/` overlays (either may be absent).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SpecText } from '../../src/spec/load.js';
import { FIXTURES, overlaid } from './spec-fixtures.js';

export const DIFF_CASES = join(FIXTURES, 'diff');

export function diffCases(): string[] {
  return readdirSync(DIFF_CASES).sort();
}

export function side(caseName: string, which: 'old' | 'new'): SpecText[] {
  return overlaid(join(DIFF_CASES, caseName, which));
}
