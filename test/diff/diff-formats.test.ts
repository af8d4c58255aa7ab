// `diff <ref>` reads a ref through the documents committed with it, so refs from before a change to
// the spec format still compare. The fixtures are the mini spec as two older versions of this
// project wrote it, with the generated/ documents those versions' compilers emitted (see
// fixtures/diff-formats/README.md); today's compiler refuses both spec trees.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { compileSpecTexts } from '../../src/model/compile.js';
import { readSpecTree } from '../../src/spec/load.js';
import { runCli } from '../helpers/cli.js';
import { DIFF_CASES } from '../helpers/diff-fixtures.js';
import { FIXTURES, MINI_SPEC } from '../helpers/spec-fixtures.js';

const FORMATS = join(FIXTURES, 'diff-formats');
const formats = readdirSync(FORMATS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

const repo = mkdtempSync(join(tmpdir(), 'asr-diff-formats-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
}

/** One commit per format, oldest first, then today's mini spec (no generated/) in the working tree. */
function history(): Map<string, string> {
  git('init', '-q', '-b', 'main');
  const commits = new Map<string, string>();
  for (const name of formats) {
    rmSync(join(repo, 'specs'), { recursive: true, force: true });
    rmSync(join(repo, 'generated'), { recursive: true, force: true });
    cpSync(join(FORMATS, name), repo, { recursive: true });
    rmSync(join(repo, 'README.md'), { force: true });
    git('add', '-A');
    git('commit', '-q', '-m', name);
    commits.set(name, git('rev-parse', 'HEAD').trim());
  }
  rmSync(join(repo, 'generated'), { recursive: true, force: true });
  rmSync(join(repo, 'specs'), { recursive: true, force: true });
  cpSync(join(MINI_SPEC, 'specs'), join(repo, 'specs'), { recursive: true });
  return commits;
}
const commits = history();

describe.each(formats)('a commit in the %s spec format', (name) => {
  test("today's compiler refuses its specs/, so only its documents can be read", () => {
    const { model, diagnostics } = compileSpecTexts(readSpecTree(join(FORMATS, name, 'specs'), join(FORMATS, name)));
    expect(model).toBeUndefined();
    expect(diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(0);
  });

  test('diffs against the working tree: the same contract, exit 0', async () => {
    const r = await runCli(['diff', commits.get(name)!, 'specs'], {}, repo);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`no changes from ${commits.get(name)} to specs\ncontract (unversioned) → 1.0.0`);
  });

  test('a breaking edit in the working tree is found against it, exit 1', async () => {
    const item = join(repo, 'specs/types/Item.yaml');
    const today = readFileSync(item);
    cpSync(join(DIFF_CASES, 'type-change', 'new', 'specs'), join(repo, 'specs'), { recursive: true });
    try {
      const r = await runCli(['diff', commits.get(name)!, 'specs', '--format', 'json'], {}, repo);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as { changes: { kind: string; where: string; change: string }[] };
      expect(report.changes.filter((c) => c.kind === 'breaking')).toEqual([{ kind: 'breaking', breaking: true, where: 'types.Item.Label', change: 'type changed from string to integer' }]);
    } finally {
      cpSync(join(MINI_SPEC, 'specs'), join(repo, 'specs'), { recursive: true });
      expect(readFileSync(item)).toEqual(today);
    }
  });
});

test('the formats really differ: the older documents lack what the newer ones carry', () => {
  const has = (name: string, path: string): boolean => readdirSync(join(FORMATS, name, 'generated')).includes(path);
  expect(formats.map((f) => has(f, 'asyncapi.yaml'))).toEqual([false, true]);
  const service = (name: string): string => readFileSync(join(FORMATS, name, 'specs/service.yaml'), 'utf8');
  expect(formats.map((f) => /^envelope:/m.test(service(f)))).toEqual([false, false]);
  expect(formats.map((f) => readdirSync(join(FORMATS, f, 'specs')).includes('emulator.yaml'))).toEqual([false, true]);
});
