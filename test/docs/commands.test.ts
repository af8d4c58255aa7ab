// Every shell command in the README and the guides runs as written (see test/helpers/doc-blocks.ts
// for how a block says where it runs). This file checks that every block is claimed, and runs the
// blocks of this checkout (`checkout`), those for the live service (`live`, under a dial guard) and
// the CI set-up (`ci`). test/docs/project-commands.test.ts runs those of a team's repository.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { compileSpecDir } from '../../src/model/compile.js';
import { distinct, docBlocks, type DocBlock } from '../helpers/doc-blocks.js';
import { bash, leftBehind, chainOf, foreground, scriptFor, startDefaultEmulator, stopDetached, usesDefaultPort, withDefaultPort } from '../helpers/doc-run.js';
import { userEnv } from '../helpers/packed-kit.js';

const blocks = docBlocks();
const where = (b: DocBlock): string => `${b.file}:${b.line}`;
const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const work = mkdtempSync(join(tmpdir(), 'asr-doc-commands-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Test files, to find which of them asks for a scenario or a recipe by name. */
function testSources(): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'fixtures') walk(join(dir, e.name));
      else if (e.name.endsWith('.test.ts')) out.push(readFileSync(join(dir, e.name), 'utf8'));
    }
  };
  walk(join(PACKAGE_ROOT, 'test'));
  return out.join('\n');
}

describe('every command in the docs is run by a test', () => {
  test('every shell block says how it is run', () => {
    const unclaimed = blocks.filter((b) => SHELL.has(b.lang) && !b.run).map(where);
    const broken = blocks.filter((b) => b.runError).map((b) => `${where(b)}: ${b.runError}`);
    expect(broken).toEqual([]);
    expect(unclaimed).toEqual([]);
  });

  test('every workflow a reader may copy is run', () => {
    const workflows = blocks.filter((b) => b.lang === 'yaml' && /^\s*(?:-\s+)?run:|runs-on:/m.test(b.text) && !b.run).map(where);
    expect(workflows).toEqual([]);
  });

  test('every scenario and recipe is asked for by a test', () => {
    const sources = testSources();
    const scenarios = [...new Set(blocks.filter((b) => b.run?.context === 'scenario').map((b) => b.run!.scenario!))];
    expect(scenarios.filter((id) => !new RegExp(`scenario(?:Blocks|Command)\\('${id}'`).test(sources))).toEqual([]);
    const recipes = blocks.filter((b) => b.recipe).map((b) => b.recipe!);
    expect(recipes.filter((name) => !sources.includes(`recipe('${name}')`))).toEqual([]);
  });

  test('a ci block is what .ci/run does', () => {
    // A line of .ci/run, without the environment assignments in front of its command (PATH="…" npm test).
    const ci = readFileSync(join(PACKAGE_ROOT, '.ci/run'), 'utf8').split('\n').map((l) => l.trim().replace(/^(?:\w+=(?:"\$\([^)]*\)"|"[^"]*"|\S+)\s+)+/, ''));
    const lines = blocks.filter((b) => b.run?.context === 'ci').flatMap((b) => b.text.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => !ci.some((c) => c === l || c.startsWith(`${l} `)))).toEqual([]);
  });
});

const env = userEnv();

/** The blocks before `b` in its file, for `continues`. */
const before = (b: DocBlock): DocBlock[] => blocks.filter((x) => x.file === b.file && x.line < b.line && SHELL.has(x.lang));

async function runInCheckout(b: DocBlock): Promise<void> {
  const go = async (): Promise<void> => {
    // A block that continues another needs what that one needed.
    const needsEmulator = [...chainOf(b, before(b)), b].some((x) => x.run?.emulator);
    const stopEmulator = needsEmulator ? await startDefaultEmulator(PACKAGE_ROOT, env) : undefined;
    try {
      if (b.run!.foreground) {
        for (const line of b.text.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'))) {
          const r = await foreground(line, PACKAGE_ROOT, env);
          expect(r.ready, `${line}\n${r.out}`).toBe(true);
          // Ctrl-C reaches npx too, which ends by the signal; the command itself must stop cleanly.
          expect(r.out, line).toMatch(/stopped( watching)? \(SIGINT\)/);
          expect(r.out, line).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
        }
        return;
      }
      const r = await bash(scriptFor(b, before(b)), PACKAGE_ROOT, env);
      expect(b.run!.exit, r.out.slice(-3000)).toContain(r.code);
      expect(await leftBehind(b, r.out, PACKAGE_ROOT)).toEqual([]);
    } finally {
      await stopEmulator?.();
      await stopDetached(PACKAGE_ROOT);
    }
  };
  await ([...chainOf(b, before(b)), b].some(usesDefaultPort) ? withDefaultPort(go) : go());
}

describe('the docs\' commands in this checkout', () => {
  const checkout = blocks.filter((b) => b.run?.context === 'checkout');
  test.each(distinct(checkout).map((d) => [d.where, d.block] as const))('%s runs as written', async (_, b) => runInCheckout(b), 300_000);
});

describe('the docs\' commands for the live service contact only its hosts', () => {
  const { model } = compileSpecDir(PACKAGE_ROOT);
  const liveHosts = new Set([...model!.service.endpoints.map((e) => e.host), ...model!.endpoints.map((e) => e.host), ...model!.channels.map((c) => c.host)]);
  const guard = join(PACKAGE_ROOT, 'test/helpers/preload/dial-guard.mjs');
  const live = blocks.filter((b) => b.run?.context === 'live');

  test.each(live.map((b) => [where(b), b] as const))('%s dials only Tencent, refused here before connecting', async (_, b) => {
    const log = join(work, `dials-${b.line}.jsonl`);
    const liveEnv = userEnv({
      NODE_OPTIONS: `--import ${guard}`,
      ASR_DIAL_LOG: log,
      TENCENTCLOUD_SECRET_ID: 'AKIDDOCTESTONLY0000000000000000000000',
      TENCENTCLOUD_SECRET_KEY: 'doc-test-key-not-a-secret',
      TENCENTCLOUD_APPID: '1300000001',
    });
    const r = await bash(`set -o pipefail\n${b.text}\n`, PACKAGE_ROOT, liveEnv, 240_000);
    const dials = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { host: string; blocked: boolean });
    expect(dials.length, r.out.slice(-2000)).toBeGreaterThan(0);
    expect(dials.filter((d) => !liveHosts.has(d.host)).map((d) => d.host)).toEqual([]);
    expect(dials.every((d) => d.blocked)).toBe(true);
    // It failed because nothing could be reached, and said so; it was not a crash.
    expect(r.code).not.toBe(0);
    expect(r.out).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
  }, 300_000);
});
