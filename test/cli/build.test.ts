import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { compileSpecDir } from '../../src/model/compile.js';
import { BRUNO_DIR, OUTPUT_FILES, renderOutputs } from '../../src/outputs.js';
import { runCli } from '../helpers/cli.js';
import { miniProjects } from '../helpers/spec-fixtures.js';

const projects = miniProjects('asr-build-');
afterEach(projects.removeAll);
const project = projects.make;

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, 'generated'), { recursive: true }) as string[]) {
    const path = join(dir, 'generated', name);
    if (statSync(path).isFile()) out[name] = readFileSync(path, 'base64') + statSync(path).mtimeMs;
  }
  return out;
}

/** How many files a contract's build writes (the Bruno collection has a file per case); the kit's checkout also builds its spec-format reference. */
const fileCount = (dir: string, kitDocs = false): number => renderOutputs(compileSpecDir(dir).model!, { kitDocs }).size;
const KIT_FILES = fileCount(PACKAGE_ROOT, true);

describe('asr-contract build', () => {
  test('the committed generated/ matches specs/ byte for byte', async () => {
    const r = await runCli(['build', '--check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`up to date \\(${KIT_FILES} files, 33 actions\\)`));
  });

  test('rendering twice gives identical bytes', () => {
    const { model } = compileSpecDir(PACKAGE_ROOT);
    expect(model).toBeDefined();
    expect([...renderOutputs(model!)]).toEqual([...renderOutputs(model!)]);
  });

  test('writes every output, then reports nothing changed on a rebuild', async () => {
    const dir = project();
    const first = await runCli(['build', '--root', dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`${fileCount(dir)} changed`));
    for (const f of Object.values(OUTPUT_FILES)) expect(statSync(join(dir, f)).size).toBeGreaterThan(0);
    const second = await runCli(['build', '--root', dir]);
    expect(second.stdout).toMatch(/\(0 changed\)/);
  });

  test('--check lists every stale or missing file and exits 1', async () => {
    const dir = project();
    await runCli(['build', '--root', dir]);
    writeFileSync(join(dir, OUTPUT_FILES.openapiJson), '{}\n');
    rmSync(join(dir, OUTPUT_FILES.liveEnvironment));
    const r = await runCli(['build', '--check', '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`stale: ${OUTPUT_FILES.openapiJson}`);
    expect(r.stderr).toContain(`missing: ${OUTPUT_FILES.liveEnvironment}`);
    expect(r.stderr).toMatch(new RegExp(`out of date \\(2 of ${fileCount(dir)} files\\)`));
    expect(readFileSync(join(dir, OUTPUT_FILES.openapiJson), 'utf8')).toBe('{}\n'); // --check writes nothing
  });

  test('a request or validator file left in generated/bruno/ (a renamed case or action) fails --check, and build removes it', async () => {
    const dir = project();
    await runCli(['build', '--root', dir]);
    mkdirSync(join(dir, BRUNO_DIR, 'Gone folder'));
    const left = [`${BRUNO_DIR}/Gone folder/an old case.yml`, `${BRUNO_DIR}/renamed.yml`, `${BRUNO_DIR}/validators/RenamedAction.cjs`];
    for (const f of left) writeFileSync(join(dir, f), 'info:\n  name: old\n');
    writeFileSync(join(dir, BRUNO_DIR, 'notes.txt'), 'mine\n'); // not a request file: left alone
    const check = await runCli(['build', '--check', '--root', dir]);
    expect(check.code).toBe(1);
    for (const f of left) expect(check.stderr).toContain(`not written by the build (a build removes it): ${f}`);
    expect(check.stderr).toMatch(new RegExp(`out of date \\(0 of ${fileCount(dir)} files and 3 left over\\)`));
    const build = await runCli(['build', '--root', dir]);
    for (const f of left) expect(build.stdout).toContain(`removed ${f} (no longer built)`);
    expect(left.map((f) => existsSync(join(dir, f)))).toEqual([false, false, false]);
    expect(existsSync(join(dir, BRUNO_DIR, 'Gone folder'))).toBe(false);
    expect(readFileSync(join(dir, BRUNO_DIR, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect((await runCli(['build', '--check', '--root', dir])).code).toBe(0);
  });

  test('a broken spec prints file:line:column and leaves generated/ untouched', async () => {
    const dir = project();
    await runCli(['build', '--root', dir]);
    const before = snapshot(dir);
    const spec = join(dir, 'specs/types/Item.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('type: integer', 'type: int'));
    const r = await runCli(['build', '--root', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^specs\/types\/Item\.yaml:7:11: error unknown-type: unknown type `int`/m);
    expect(r.stderr).toMatch(/nothing was written/);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('command line', () => {
  test.each([
    [['--help'], 0, /Usage: asr-contract <command>/],
    [['build', '--help'], 0, /--check/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['build', '--chek'], 2, /Unknown option '--chek'/],
    [['build', 'extra'], 2, /Unexpected argument 'extra'/],
  ])('%j exits %i', async (argv, code, pattern) => {
    const r = await runCli(argv);
    expect(r.code).toBe(code);
    expect(r.stdout + r.stderr).toMatch(pattern);
  });
});
