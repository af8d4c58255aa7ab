// The Python, PHP and Go samples pass their language's own syntax check (Debian's python3, php-cli
// and golang-go), and the Go ones are already gofmt-formatted. The SDKs themselves are not
// installed here, so this checks syntax, not imports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { api3Samples, flashSamples } from '../helpers/samples.js';
import { hasTool } from '../helpers/toolchain.js';

const dir = mkdtempSync(join(tmpdir(), 'asr-sample-syntax-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const all = [...api3Samples(), ...flashSamples()];

/** Every sample of a language, written to `<operation>-<n>.<ext>`. */
function write(lang: string, ext: string): string[] {
  const files: string[] = [];
  for (const op of all) {
    op.samples.filter((s) => s.lang === lang).forEach((s, i) => {
      const file = join(dir, `${op.operation}-${i}.${ext}`);
      writeFileSync(file, s.source);
      files.push(file);
    });
  }
  return files;
}

const run = (cmd: string, args: string[]): { status: number | null; out: string } => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
};

describe.skipIf(!hasTool('python3', ['--version']))('Python samples', () => {
  test('python3 -m py_compile accepts every one (33 actions and the flash speech SDK)', () => {
    const files = write('Python', 'py');
    expect(files).toHaveLength(34);
    const r = run('python3', ['-m', 'py_compile', ...files]);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });
});

describe.skipIf(!hasTool('php', ['--version']))('PHP samples', () => {
  test('php -l accepts every one', () => {
    const files = write('PHP', 'php');
    expect(files).toHaveLength(33);
    for (const f of files) {
      const r = run('php', ['-l', f]);
      expect(r.out, f).toMatch(/^No syntax errors detected/);
      expect(r.status, r.out).toBe(0);
    }
  });
});

describe.skipIf(!hasTool('gofmt', [], 'package main\n'))('Go samples', () => {
  test('gofmt -e finds no error and nothing to reformat', () => {
    const files = write('Go', 'go');
    expect(files).toHaveLength(34);
    const r = run('gofmt', ['-e', '-l', ...files]);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });
});
