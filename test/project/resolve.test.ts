// Which contract a command uses, decided once: --root, else the nearest specs/service.yaml upward
// from the current directory, else the installed package's own.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { takeRootFlag } from '../../src/cli/root-flag.js';
import { describeProject, ProjectError, resolveProject } from '../../src/project/resolve.js';

const base = mkdtempSync(join(tmpdir(), 'asr-resolve-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const team = join(base, 'team');
mkdirSync(join(team, 'specs'), { recursive: true });
writeFileSync(join(team, 'specs/service.yaml'), 'service: asr\n');
mkdirSync(join(team, 'src/deep'), { recursive: true });
const bare = join(base, 'bare');
mkdirSync(bare);
const kit = join(base, 'node_modules/asr-contract');
mkdirSync(join(kit, 'specs'), { recursive: true });
writeFileSync(join(kit, 'specs/service.yaml'), 'service: asr\n');
writeFileSync(join(kit, 'package.json'), '{"name":"asr-contract","version":"9.9.9"}');

describe('resolveProject', () => {
  test.each([
    ['the folder itself', team, undefined, team, 'found', 'the contract in this folder'],
    ['a folder below it', join(team, 'src/deep'), undefined, team, 'found', 'the contract in ../.. (found upward from here)'],
    ['--root, relative to the current directory', bare, '../team', team, 'flag', 'the contract in ../team (--root)'],
    ['no contract here or above', bare, undefined, kit, 'package', 'the contract of the installed asr-contract 9.9.9 in ../node_modules/asr-contract (no specs/service.yaml here or above; `asr-contract init` makes a copy of your own)'],
  ])('%s', (_, cwd, flag, root, source, description) => {
    const p = resolveProject(cwd, flag, kit);
    expect(p).toMatchObject({ root, source, packageRoot: kit });
    expect(describeProject(p, cwd)).toBe(description);
  });

  test('the kit\'s own checkout is the kit', () => {
    expect(resolveProject(PACKAGE_ROOT, undefined)).toMatchObject({ root: PACKAGE_ROOT, isKit: true, source: 'found' });
    expect(resolveProject(team, undefined, kit).isKit).toBe(false);
  });

  test.each([
    ['a folder without specs/service.yaml', bare, /--root .*: .*bare holds no specs\/service\.yaml; `asr-contract init` makes a contract of your own there/],
    ['a folder that does not exist', join(base, 'nope'), /--root .*: no such folder/],
    ['a file', join(team, 'specs/service.yaml'), /--root .*: that is a file, not a folder/],
  ])('--root at %s is refused', (_, root, message) => {
    expect(() => resolveProject(base, root, kit)).toThrow(ProjectError);
    expect(() => resolveProject(base, root, kit)).toThrow(message);
  });
});

describe('--root on the command line', () => {
  test.each([
    [['test', '--root', 'x', '--bail'], ['test', '--bail'], 'x'],
    [['--root=x', 'docs'], ['docs'], 'x'],
    [['sign', '--', '--root', 'x'], ['sign', '--', '--root', 'x'], undefined],
    [['mock'], ['mock'], undefined],
  ])('%j → %j, root %s', (argv, rest, root) => {
    expect(takeRootFlag(argv)).toEqual({ argv: rest, root });
  });

  test.each([[['--root']], [['--root', '--bail']], [['--root', 'a', '--root', 'b']]])('%j is a usage error', (argv) => {
    expect(() => takeRootFlag(argv)).toThrow(/--root/);
  });
});
