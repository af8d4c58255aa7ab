// A file under specs/ that is not a spec at all is refused as the user's input, through the CLI as a
// user runs it (bin/asr-contract.js in a child process, so a hang is a failed test, not a stuck run):
// one line naming the file and its place, exit code 2, nothing written, never "internal error".
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { BAD_SPECS, miniProjects } from '../helpers/spec-fixtures.js';

const projects = miniProjects('asr-not-a-spec-');
afterAll(() => projects.removeAll());

const fromFixture = (name: string) => (dir: string): void => copyFileSync(join(BAD_SPECS, name, 'specs/types/Item.yaml'), join(dir, 'specs/types/Item.yaml'));

const rows: [string, (dir: string) => void, RegExp][] = [
  [
    'a FIFO named *.yaml',
    (dir) => {
      const r = spawnSync('mkfifo', [join(dir, 'specs/types/Pipe.yaml')]);
      if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
    },
    /^asr-contract build: specs\/types\/Pipe\.yaml:1:1: error not-a-file: it is a named pipe \(FIFO\), not a regular file, so it was not read$/,
  ],
  ['a file that is not UTF-8', fromFixture('not-utf8'), /^asr-contract build: specs\/types\/Item\.yaml:12:30: error not-utf8: byte 0xe9 .* is not UTF-8 text; save the file as UTF-8$/],
  ['a YAML alias bomb', fromFixture('resource-limit'), /^asr-contract build: specs\/types\/Item\.yaml:15:16: error resource-limit: its aliases \(\*name\) expand to too many nodes, as in an alias bomb; the loader stops at 100 expansions$/],
];

/** `asr-contract build` in `dir`, as a child that does not block this worker; 60 s covers a cold tsx start on a busy machine (the bug guarded against is a hang forever). */
function build(dir: string): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'build'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ASR_CONTRACT_DEBUG: '' } }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, signal: error?.signal ?? null, stdout, stderr });
    });
  });
}

describe('build refuses a file that is not a spec', () => {
  test.each(rows)('%s → one line with the file, exit 2', async (_name, plant, line) => {
    const dir = projects.make();
    plant(dir);
    const r = await build(dir);
    expect(r.signal, 'the build was killed by the timeout: it hung').toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(line);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });
});
