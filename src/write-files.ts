// Writes a set of files all or nothing: every file goes to a temporary sibling first, and only when
// all are written are they renamed into place, so a failure never leaves half an output behind.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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
