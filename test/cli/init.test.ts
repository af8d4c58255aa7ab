// asr-contract init in a team's repository: what it writes, that it refuses as a whole (writing
// nothing) on any clash unless --force, and that from then on commands use the copy it made.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { GITIGNORE_LINES, INIT_SCRIPTS, WORKFLOW_FILE } from '../../src/init/plan.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { runCli } from '../helpers/cli.js';
import { treeHash } from '../helpers/packed-kit.js';

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));
function repo(files: Record<string, string> = { 'package.json': '{\n  "name": "team",\n  "scripts": {\n    "test": "vitest"\n  }\n}\n' }): string {
  const dir = mkdtempSync(join(tmpdir(), 'asr-init-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
const SPEC_COUNT = (readdirSync(join(PACKAGE_ROOT, 'specs'), { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).length;

describe('asr-contract init', () => {
  test('writes the contract, its build, scripts, a workflow and .gitignore lines, and says so', async () => {
    const dir = repo();
    const r = await runCli(['init'], {}, dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`specs/      ${SPEC_COUNT} spec files`);
    expect(r.stdout).toContain(WORKFLOW_FILE);
    for (const f of Object.values(OUTPUT_FILES)) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, 'specs/service.yaml'), 'utf8')).toBe(readFileSync(join(PACKAGE_ROOT, 'specs/service.yaml'), 'utf8'));
    expect(readFileSync(join(dir, WORKFLOW_FILE), 'utf8')).toBe(readFileSync(join(PACKAGE_ROOT, 'src/init/templates/asr-contract.yml'), 'utf8'));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts).toEqual({ test: 'vitest', ...INIT_SCRIPTS });
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toMatch(/^\{\n {2}"name"/); // its own indentation kept
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining([...GITIGNORE_LINES]));
    // The kit's own spec-format reference is not a team's file to carry.
    expect(existsSync(join(dir, 'docs'))).toBe(false);
    // The build it made is current, and it is the contract commands now use, from any folder below.
    mkdirSync(join(dir, 'src/deep'), { recursive: true });
    const check = await runCli(['build', '--check'], {}, join(dir, 'src/deep'));
    expect(check.stdout).toMatch(/^generated\/ of the contract in \.\.\/\.\. \(found upward from here\) is up to date/);
    expect(check.code).toBe(0);
  });

  test('a second init finds nothing to write', async () => {
    const dir = repo();
    await runCli(['init'], {}, dir);
    const r = await runCli(['init'], {}, dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/already holds this contract; nothing to write/);
  });

  test.each([
    ['a spec file of its own that differs', { 'specs/service.yaml': 'service: mine\n' }, /specs\/ holds 1 file that differ/],
    ['a workflow of the same name', { [WORKFLOW_FILE]: 'name: mine\n' }, /\.github\/workflows\/asr-contract\.yml exists/],
    ['a script of the same name', { 'package.json': '{"scripts":{"contract":"newman run x"}}' }, /package\.json already has the script "contract": "newman run x"/],
    ['generated/ files of another build', { 'generated/openapi.json': '{}' }, /generated\/ holds files that differ/],
  ])('refuses, writing nothing, when there is %s; --force replaces it', async (_, files, clash) => {
    const dir = repo(files);
    const before = treeHash(dir);
    const r = await runCli(['init'], {}, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(clash);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(treeHash(dir)).toBe(before);
    const forced = await runCli(['init', '--force'], {}, dir);
    expect(forced.code).toBe(0);
    expect((await runCli(['build', '--check'], {}, dir)).code).toBe(0);
  });

  test('--force keeps spec files of the team\'s own and builds them in', async () => {
    const dir = repo();
    await runCli(['init'], {}, dir);
    const own = readFileSync(join(dir, 'specs/types/HotWord.yaml'), 'utf8').replace('type: HotWord', 'type: TeamWord');
    writeFileSync(join(dir, 'specs/types/TeamWord.yaml'), own);
    writeFileSync(join(dir, 'specs/service.yaml'), `${readFileSync(join(dir, 'specs/service.yaml'), 'utf8')}# edited\n`);
    const r = await runCli(['init', '--force'], {}, dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kept your specs/types/TeamWord.yaml');
    expect(readFileSync(join(dir, 'specs/service.yaml'), 'utf8')).toBe(readFileSync(join(PACKAGE_ROOT, 'specs/service.yaml'), 'utf8'));
    expect(existsSync(join(dir, 'specs/types/TeamWord.yaml'))).toBe(true);
  });

  test.each([
    ['no package.json', {}, /note: no package\.json here, so no npm scripts were added/],
    ['a package.json that is not JSON', { 'package.json': 'nope' }, /note: package\.json is not a JSON object/],
  ])('with %s it writes the rest and says why there are no scripts', async (_, files, note) => {
    const dir = repo(files);
    const r = await runCli(['init'], {}, dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(note);
    expect(existsSync(join(dir, 'specs/service.yaml'))).toBe(true);
  });

  test.each([
    ['a folder that does not exist', ['--root', 'nope'], /nope: no such folder/],
    ['a file', ['--root', 'package.json'], /package\.json: that is a file, not a folder/],
  ])('--root at %s is one line, exit 2', async (_, args, message) => {
    const dir = repo();
    const r = await runCli(['init', ...args], {}, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')).toHaveLength(1);
  });

  test('in the kit itself it refuses: the package is not a team repository', async () => {
    const r = await runCli(['init'], {}, PACKAGE_ROOT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/this is the asr-contract package itself/);
  });
});
