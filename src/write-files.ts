// Writes a set of files all or nothing: every file goes to a temporary sibling first, and only when
// all are written are they renamed into place, so a failure never leaves half an output behind.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface WriteReport {
  written: string[];
  unchanged: string[];
}

type Content = string | Buffer;

const sameContent = (a: Buffer | undefined, b: Content): boolean => a !== undefined && a.equals(typeof b === 'string' ? Buffer.from(b) : b);

export function writeFilesAtomically(root: string, files: ReadonlyMap<string, Content>): WriteReport {
  const report: WriteReport = { written: [], unchanged: [] };
  const staged: [string, string][] = [];
  try {
    for (const [path, content] of files) {
      const target = join(root, path);
      if (sameContent(readOrUndefined(target), content)) {
        report.unchanged.push(path);
        continue;
      }
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, content);
      staged.push([temp, target]);
      report.written.push(path);
    }
  } catch (e) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw e;
  }
  for (const [temp, target] of staged) renameSync(temp, target);
  return report;
}

/** Paths whose content on disk differs from `files` (or is missing). */
export function staleFiles(root: string, files: ReadonlyMap<string, Content>): { path: string; reason: 'missing' | 'differs' }[] {
  const out: { path: string; reason: 'missing' | 'differs' }[] = [];
  for (const [path, content] of files) {
    const current = readOrUndefined(join(root, path));
    if (current === undefined) out.push({ path, reason: 'missing' });
    else if (!sameContent(current, content)) out.push({ path, reason: 'differs' });
  }
  return out;
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Files under each owned folder, with its extension, that `files` does not hold: what a build before
 * left there (a renamed case's request file, say). Paths as in `files`, sorted.
 */
export function strayFiles(root: string, files: ReadonlyMap<string, Content>, owned: readonly { dir: string; ext: string }[]): string[] {
  const out: string[] = [];
  const walk = (dir: string, ext: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // not there yet: nothing stray
    }
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full, ext);
      else if (e.name.endsWith(ext)) {
        const path = relative(root, full).split(sep).join('/');
        if (!files.has(path)) out.push(path);
      }
    }
  };
  for (const o of owned) walk(join(root, o.dir), o.ext);
  return out.sort();
}

/** Removes stray files, and the folders that leaves empty (up to, not including, the owned folder). */
export function removeStrayFiles(root: string, stray: readonly string[], owned: readonly { dir: string }[]): void {
  for (const path of stray) {
    rmSync(join(root, path), { force: true });
    const top = owned.find((o) => path.startsWith(`${o.dir}/`));
    for (let dir = dirname(path); top && dir !== top.dir && dir.startsWith(`${top.dir}/`); dir = dirname(dir)) {
      try {
        rmdirSync(join(root, dir));
      } catch {
        break; // not empty
      }
    }
  }
}
