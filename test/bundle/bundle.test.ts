// The bundled CLI in dist/ must behave exactly like src/: the precompiled spec-file validators give
// the same errors as the ones compiled at run time, the bundle builds the same generated/, and
// bin/ only trusts a dist/ that was bundled from the sources on disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentDist, sourceHash } from '../../bin/dist-freshness.js';
import { buildDist, precompiledSpecFileValidators } from '../../scripts/build-dist.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import type { Io } from '../../src/cli/io.js';
import { fileKind, type FileKind } from '../../src/spec/file-kinds.js';
import { readSpecTree } from '../../src/spec/load.js';
import { specFileValidators } from '../../src/spec/spec-file-validators.js';
import { BAD_SPECS, badSpecCases, overlaid } from '../helpers/spec-fixtures.js';

// Inside the package so that the bundle finds package.json, node_modules and the sandbox scripts.
const scratch = join(PACKAGE_ROOT, '.tmp', `dist-test-${process.pid}`);

beforeAll(() => mkdirSync(scratch, { recursive: true }));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Validators = Record<FileKind, (data: unknown) => boolean> & Record<FileKind, { errors?: unknown }>;

describe('precompiled spec-file validators', () => {
  test('give the same verdict and the same errors as the run-time compiled ones, for every spec and every broken fixture', async () => {
    const file = join(scratch, 'spec-file-validators.mjs');
    writeFileSync(file, precompiledSpecFileValidators());
    const pre = ((await import(pathToFileURL(file).href)) as { specFileValidators: () => Validators }).specFileValidators();
    const live = specFileValidators() as unknown as Validators;
    const texts = [...readSpecTree(join(PACKAGE_ROOT, 'specs'), PACKAGE_ROOT), ...badSpecCases().flatMap((c) => overlaid(join(BAD_SPECS, c)))];
    let failing = 0;
    for (const t of texts) {
      let data: unknown;
      try {
        data = parse(t.text);
      } catch {
        continue; // the yaml-syntax fixture never reaches the validators
      }
      const kind = fileKind(data);
      if (!kind) continue;
      const verdict = live[kind](data);
      expect(pre[kind](data), t.path).toBe(verdict);
      expect(pre[kind].errors ?? null, t.path).toEqual(live[kind].errors ?? null);
      if (!verdict) failing++;
    }
    expect(texts.length).toBeGreaterThan(80);
    expect(failing).toBeGreaterThan(0); // the fixtures did exercise the error paths
  });
});

describe('the bundle', () => {
  test('runs `build --check` against the committed generated/ and reports a broken spec like src/ does', async () => {
    const out = join(scratch, 'dist');
    await buildDist(PACKAGE_ROOT, out);
    const { main } = (await import(pathToFileURL(join(out, 'main.js')).href)) as { main: (argv: string[], io: Io) => Promise<number> };
    const run = async (argv: string[]) => {
      const lines: string[] = [];
      const io: Io = { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l), env: {}, cwd: PACKAGE_ROOT };
      return { code: await main(argv, io), text: lines.join('\n') };
    };
    const check = await run(['build', '--check']);
    expect(check.text).toMatch(/^generated\/ of the contract in this folder is up to date \(\d+ files, 33 actions\)\.$/);
    expect(check.code).toBe(0);

    const broken = join(scratch, 'broken');
    mkdirSync(join(broken, 'specs/types'), { recursive: true });
    for (const t of overlaid(join(BAD_SPECS, 'unknown-key'))) {
      mkdirSync(join(broken, t.path, '..'), { recursive: true });
      writeFileSync(join(broken, t.path), t.text);
    }
    const bad = await run(['build', '--root', broken]);
    expect(bad.code).toBe(1);
    expect(bad.text).toContain("specs/types/Item.yaml:7:5: error unknown-key: unknown key `descripton` in `fields.Id`\n  hint: did you mean `description`?");
  }, 60_000);
});

describe('bin/ picks dist/ only when it matches src/', () => {
  const root = mkdtempSync(join(tmpdir(), 'asr-dist-fresh-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const manifest = (hash: string) => writeFileSync(join(root, 'dist/manifest.json'), JSON.stringify({ sourceHash: hash, entry: 'main.js' }));

  test.each([
    ['no dist/ at all', () => rmSync(join(root, 'dist'), { recursive: true, force: true }), false],
    ['a manifest with the current hash', () => manifest(sourceHash(root)), true],
    ['a source edited after bundling', () => (manifest(sourceHash(root)), writeFileSync(join(root, 'src/cli/main.ts'), 'edited')), false],
    ['a source added after bundling', () => (manifest(sourceHash(root)), writeFileSync(join(root, 'src/new.ts'), '')), false],
    ['a manifest that is not JSON', () => writeFileSync(join(root, 'dist/manifest.json'), '{'), false],
  ] as const)('%s', (_, arrange, fresh) => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, 'src/cli'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'src/cli/main.ts'), 'export {}');
    arrange();
    expect(currentDist(root)).toBe(fresh ? join(root, 'dist/main.js') : undefined);
  });
});
