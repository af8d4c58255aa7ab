// npx tsx scripts/diff-history.ts [--all]: runs `asr-contract diff <commit>` against the working tree for
// every commit of HEAD's history that has generated/openapi.json, and fails if any exits 2 (cannot
// read that version). One line per commit: exit code, change counts, subject. --all also tries the
// commits without it, which are expected to fail. Reads the history of the clone it runs in, so it
// is a check to run by hand, not a test.
import { execFileSync } from 'node:child_process';
import { main } from '../src/cli/main.js';
import { PACKAGE_ROOT } from '../src/package-root.js';

const git = (...args: string[]): string => execFileSync('git', args, { cwd: PACKAGE_ROOT, encoding: 'utf8' });
const all = process.argv.includes('--all');
const commits = git('rev-list', '--reverse', 'HEAD').split('\n').filter(Boolean);
const hasDocuments = (sha: string): boolean => git('ls-tree', '--name-only', sha, '--', 'generated/openapi.json').trim() !== '';

let unreadable = 0;
let checked = 0;
for (const sha of commits) {
  const documented = hasDocuments(sha);
  if (!documented && !all) continue;
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['diff', sha, '--format', 'json'], { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: process.env, cwd: PACKAGE_ROOT });
  const subject = git('log', '-1', '--format=%s', sha).trim().slice(0, 70);
  let detail: string;
  if (code === 2) detail = err[0] ?? 'no message';
  else {
    const r = JSON.parse(out.join('\n')) as { counts: Record<string, number> };
    detail = Object.entries(r.counts).map(([k, n]) => `${n} ${k}`).join(', ');
  }
  console.log(`${sha.slice(0, 7)} exit ${code}  ${documented ? '' : '(no generated/openapi.json) '}${detail}  · ${subject}`);
  if (documented) {
    checked++;
    if (code === 2) unreadable++;
  }
}
console.log(`\n${checked} commits with generated/openapi.json, ${unreadable} unreadable`);
process.exitCode = unreadable > 0 ? 1 : 0;
