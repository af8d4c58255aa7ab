// The diff commands of docs/own-contract.md, its CI step and its release steps, run as written: through bash, with
// `npx asr-contract` resolving to this checkout's CLI, in a git repository laid out like a project
// that follows the release story (main, origin/main, a feature branch, a release tag).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { MINI_SPEC } from '../helpers/spec-fixtures.js';
import { docSection, scenarioBlocks } from '../helpers/doc-blocks.js';

const RELEASE_SECTION = docSection('docs/own-contract.md', '## Releasing a version of your contract', '## Keep up with Tencent');
const blocks = (lang: string): string[] => scenarioBlocks('diff-gate').filter((b) => b.lang === lang).map((b) => `${b.text}\n`);

const work = mkdtempSync(join(tmpdir(), 'asr-readme-'));
const repo = join(work, 'project');
afterAll(() => rmSync(work, { recursive: true, force: true }));

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
}

/** bash in the project, with an `npx` that runs this checkout's asr-contract and nothing else. */
function sh(line: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', line], { cwd: repo, encoding: 'utf8', env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}` } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const item = (): string => join(repo, 'specs/types/Item.yaml');
const edit = (from: string, to: string): void => writeFileSync(item(), readFileSync(item(), 'utf8').replace(from, to));

function setVersion(version: string): void {
  const service = join(repo, 'specs/service.yaml');
  writeFileSync(service, readFileSync(service, 'utf8').replace(/^contractVersion: .*$/m, `contractVersion: ${version}`));
}

// main: the mini spec at contract 0.1.0, built and committed; origin/main: the same commit, as after a
// fetch. feature: a description edit, built and committed. The working tree on top renames a field.
beforeAll(async () => {
  mkdirSync(join(work, 'bin'));
  writeFileSync(join(work, 'bin/npx'), `#!/bin/sh\nif [ "$1" = asr-contract ]; then shift; exec "${process.execPath}" "${join(PACKAGE_ROOT, 'bin/asr-contract.js')}" "$@"; fi\necho "npx $1: not available in this test" >&2\nexit 127\n`);
  chmodSync(join(work, 'bin/npx'), 0o755);
  mkdirSync(repo);
  cpSync(join(MINI_SPEC, 'specs'), join(repo, 'specs'), { recursive: true });
  setVersion('0.1.0'); // where this project stands
  const build = async (): Promise<void> => void expect((await runCli(['build', '--root', repo])).code).toBe(0);
  await build();
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'contract 0.1.0');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('checkout', '-q', '-b', 'feature');
  edit('description: Its label.', 'description: Its label, as shown to people.');
  await build();
  git('commit', '-q', '-am', 'clearer label');
  edit('  Label:\n', '  Caption:\n');
});

describe("the guide's diff examples", () => {
  const commands = blocks('sh')[0]!.split('\n').filter((l) => l.trim() !== '');
  test('the sh block has the three commands', () => {
    expect(commands.map((c) => c.replace(/\s+#.*$/, ''))).toEqual(['npx asr-contract diff main', 'npx asr-contract diff HEAD~1 HEAD --format markdown', 'npx asr-contract diff main --breaking-only']);
  });

  test.each([
    [0, 1, /^BREAKING types\.Item\.Label +removed\nok +types\.Item\.Caption +added$/m],
    [1, 0, /^## ASR contract 0\.1\.0\n\n1 change from `HEAD~1` to `HEAD`: 1 docs\.$/m],
    [2, 1, /^BREAKING types\.Item\.Label +removed$/m],
  ])('command %i runs as written, exit %i', (i, code, output) => {
    const r = sh(commands[i]!);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    expect(r.stdout).toMatch(output);
  });

  test('the CI step writes the markdown comment, and the next step posts it whatever the outcome', () => {
    const steps = parseYaml(blocks('yaml')[0]!) as { run?: string; if?: string }[];
    const diff = steps.findIndex((s) => s.run?.includes('asr-contract diff'));
    // GitHub Actions substitutes the expression; a pull request into main has base_ref main.
    const r = sh(steps[diff]!.run!.replace('${{ github.base_ref }}', 'main'));
    expect(r.code).toBe(1);
    const md = readFileSync(join(repo, 'diff.md'), 'utf8');
    expect(md).toMatch(/^## ASR contract 0\.1\.0\n\n2 changes from `origin\/main` to `the working tree`: 1 breaking, 1 compatible\.\n\n> \*\*Version:\*\* contract 0\.1\.0 → 0\.1\.0: these changes need at least 0\.2\.0\.\n\n### Breaking changes\n\n- `types\.Item\.Label`: removed\n/);
    expect(steps[diff + 1]).toMatchObject({ if: 'always()', run: expect.stringContaining('--body-file diff.md') });
  });

  test('an unreadable base in the CI step still fills the comment', () => {
    const steps = parseYaml(blocks('yaml')[0]!) as { run?: string }[];
    const r = sh(steps.find((s) => s.run?.includes('asr-contract diff'))!.run!.replace('${{ github.base_ref }}', 'no-such-branch'));
    expect(r.code).toBe(2);
    expect(readFileSync(join(repo, 'diff.md'), 'utf8')).toMatch(/^## ASR contract diff failed\n\nComparing `origin\/no-such-branch` with `the working tree` failed: "origin\/no-such-branch" is neither a directory nor a git ref/);
  });
});

// After the examples above: these steps change the project (a version bump, a commit, a tag).
describe("the guide's release steps", () => {
  const inline = [...RELEASE_SECTION.matchAll(/`((?:npx asr-contract|git tag) [^`]+)`/g)].map((m) => m[1]!);

  test('are the entry, the tag, and a diff against the tag', () => {
    expect(inline).toEqual(['npx asr-contract diff main --format markdown', 'git tag contract-v0.2.0', 'npx asr-contract diff contract-v0.2.0']);
  });

  test('run as written, in order', async () => {
    const entry = sh(inline[0]!);
    expect(entry.code).toBe(1);
    expect(entry.stdout).toMatch(/^> \*\*Version:\*\* contract 0\.1\.0 → 0\.1\.0: these changes need at least 0\.2\.0\.$/m);
    setVersion('0.2.0'); // step 1: as far as diff says
    expect(sh(inline[0]!).stdout).toMatch(/^## ASR contract 0\.2\.0 \(from 0\.1\.0\)\n/);
    expect((await runCli(['build', '--root', repo])).code).toBe(0); // specs/ and generated/ are committed together
    git('commit', '-q', '-am', 'caption instead of label');
    const tag = sh(inline[1]!.replace('git tag', 'git -c tag.gpgsign=false tag'));
    expect(tag.code).toBe(0);
    const since = sh(inline[2]!);
    expect(since.stderr).toBe('');
    expect([since.code, since.stdout]).toEqual([0, 'no changes from contract-v0.2.0 to the working tree\ncontract 0.2.0 → 0.2.0\n']);
  });
});
