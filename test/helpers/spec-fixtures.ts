// Builds spec trees for tests: the small `mini-spec` contract plus a case's overlay files.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSpecTree, type SpecText } from '../../src/spec/load.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
export const MINI_SPEC = join(FIXTURES, 'mini-spec');
export const BAD_SPECS = join(FIXTURES, 'bad-specs');

export function miniSpec(): SpecText[] {
  return readSpecTree(join(MINI_SPEC, 'specs'), MINI_SPEC);
}

/**
 * The mini spec with the case's files laid over it: the same path replaces, a new path adds, and the
 * paths listed in the case's remove.txt (one per line) are left out.
 */
export function overlaid(caseDir: string): SpecText[] {
  const overlay = existsSync(join(caseDir, 'specs')) ? readSpecTree(join(caseDir, 'specs'), caseDir) : [];
  const removed = existsSync(join(caseDir, 'remove.txt')) ? readFileSync(join(caseDir, 'remove.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean) : [];
  const byPath = new Map(miniSpec().map((t) => [t.path, t]));
  for (const path of removed) byPath.delete(path);
  for (const t of overlay) byPath.set(t.path, t);
  return [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
}

export function badSpecCases(): string[] {
  return readdirSync(BAD_SPECS).sort();
}

/** Temporary projects holding a copy of the mini spec's specs/; `removeAll` deletes every one made. */
export function miniProjects(prefix: string): { make: () => string; removeAll: () => void } {
  const made: string[] = [];
  return {
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      made.push(dir);
      cpSync(join(MINI_SPEC, 'specs'), join(dir, 'specs'), { recursive: true });
      return dir;
    },
    removeAll: () => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
