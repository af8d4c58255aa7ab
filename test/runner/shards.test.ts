// --shard K/N and merge-reports: each shard runs a deterministic share, folders and lifecycles whole,
// the shares close in weight; the shards' reports, merged, are the full run: the same checks, the
// same counts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { parseReport } from '../../src/report/json.js';
import { totals, type CheckResult, type RunReport } from '../../src/report/model.js';
import { assignUnits, collectionUnits, keepUnits, parseShard, ShardError, type ShardUnit } from '../../src/runner/shard.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { HAS_XMLLINT, NO_XMLLINT, validateJunit, xpath } from '../helpers/xmllint.js';

const dir = mkdtempSync(join(tmpdir(), 'asr-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const collection = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.collection), 'utf8')) as Record<string, unknown>;

interface Item {
  id?: string;
  item?: Item[];
}
/** The ids of a collection's requests, folders walked. */
const requestIds = (c: { item?: unknown }): string[] => ((c.item ?? []) as Item[]).flatMap((n) => (n.item ? requestIds(n) : [n.id!]));

describe('--shard K/N', () => {
  test.each([
    ['1/3', { index: 1, total: 3 }],
    ['3/3', { index: 3, total: 3 }],
    [' 2/5 ', { index: 2, total: 5 }],
  ])('%j parses', (text, want) => {
    expect(parseShard(text)).toEqual(want);
  });

  test.each([
    ['0/3', /K must be between 1 and N/],
    ['4/3', /K must be between 1 and N/],
    ['1/0', /K must be between 1 and N/],
    ['2', /--shard takes K\/N/],
    ['a/b', /--shard takes K\/N/],
    ['-1/3', /--shard takes K\/N/],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseShard(text)).toThrow(ShardError);
    expect(() => parseShard(text)).toThrow(message);
  });

  test('a wrong --shard is a usage error before anything runs', async () => {
    const r = await runCli(['test', '--shard', '4/3', '--out', join(dir, 'usage')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^asr-contract test: --shard 4\/3: K must be between 1 and N/);
  });
});

describe('units and their shares', () => {
  const units = collectionUnits(collection);

  test('a unit is the requests directly inside one folder; every request is in exactly one', () => {
    expect(units.reduce((n, u) => n + u.cost, 0)).toBeGreaterThanOrEqual(requestIds(collection).length);
    expect(units.map((u) => u.key)).toContain('collection: Workflows / Voiceprint lifecycle');
    expect(units.map((u) => u.key)).toContain('collection: Negative cases / Speaker verification · 说话人验证');
    expect(new Set(units.map((u) => u.key)).size).toBe(units.length);
  });

  test.each([1, 2, 3, 4, 7])('into %i shards: deterministic, every unit once, whole, and close in weight', (n) => {
    const a = assignUnits(units, n);
    expect([...assignUnits([...units], n)]).toEqual([...a]);
    expect([...a.keys()].sort()).toEqual(units.map((u) => u.key).sort());
    const load = Array.from({ length: n }, (_v, i) => units.filter((u) => a.get(u.key) === i + 1).reduce((s, u) => s + u.cost, 0));
    const heaviest = Math.max(...units.map((u) => u.cost));
    // Greedy by weight: no shard exceeds the lightest by more than the heaviest unit.
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(heaviest);
    // The shards' collections hold every request once: a folder's requests all go one way.
    const kept = Array.from({ length: n }, (_v, i) => keepUnits(collection, new Set(units.filter((u) => a.get(u.key) === i + 1).map((u) => u.key))));
    expect(kept.flatMap(requestIds).sort()).toEqual(requestIds(collection).sort());
  });

  test('ties go to the lower shard, in collection order', () => {
    const same: ShardUnit[] = ['a', 'b', 'c', 'd'].map((key) => ({ key, cost: 1 }));
    expect([...assignUnits(same, 2)]).toEqual([['a', 1], ['b', 2], ['c', 1], ['d', 2]]);
  });
});

const key = (c: CheckResult): string => JSON.stringify([c.suite, c.case, c.name, c.status]);
const read = (folder: string): RunReport => parseReport(readFileSync(join(folder, 'run-report.json'), 'utf8'), folder);

describe('three shards, merged, are the full run', () => {
  const full = join(dir, 'full');
  const shards = [1, 2, 3].map((k) => join(dir, `shard-${k}`));
  const merged = join(dir, 'merged');
  let runs: CliRun[];
  let merge: CliRun;

  beforeAll(async () => {
    runs = await Promise.all([runCli(['test', '--reporters', 'junit', '--out', full]), ...shards.map((out, i) => runCli(['test', '--shard', `${i + 1}/3`, '--reporters', 'junit', '--out', out]))]);
    merge = await runCli(['merge-reports', ...shards, '--out', merged, '--reporters', 'junit,html,summary,ctrf']);
  }, 240_000);

  test('every run passes, and each shard says which share it ran', () => {
    for (const r of runs) expect(r.stderr).toBe('');
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    for (let k = 1; k <= 3; k++) expect(runs[k]!.stdout).toMatch(new RegExp(`^asr-contract test: shard ${k}/3 \\(\\d+ of \\d+ units\\): \\d+ cases`, 'm'));
    expect(merge.code).toBe(0);
  });

  test('the shards share no check, and together hold every check of the full run', () => {
    const whole = read(full).checks.map(key).sort();
    const parts = shards.map((s) => read(s).checks.filter((c) => c.source !== 'preflight').map(key));
    const union = parts.flat();
    expect(new Set(union).size).toBe(union.length);
    expect(read(merged).checks.map(key).sort()).toEqual(whole);
    // Roughly even: no shard has more than twice the cases of another.
    const cases = shards.map((s) => new Set(read(s).checks.map((c) => c.case)).size);
    expect(Math.max(...cases)).toBeLessThan(2 * Math.min(...cases));
  });

  test('the merged reports tell the full run\'s counts', () => {
    const want = totals(read(full).checks);
    expect(totals(read(merged).checks)).toEqual(want);
    expect(merge.stdout).toMatch(new RegExp(`^${want.passed} passed, ${want.failed} failed of ${want.tests} checks \\(`, 'm'));
    expect(JSON.parse(readFileSync(join(merged, 'contract-summary.json'), 'utf8'))).toMatchObject({ passed: want.passed, failed: want.failed, tests: want.tests });
    expect(JSON.parse(readFileSync(join(merged, 'ctrf.json'), 'utf8')).results.summary).toMatchObject({ tests: want.tests, passed: want.passed });
    expect(readFileSync(join(merged, 'summary.md'), 'utf8')).toMatch(new RegExp(`^## ✅ ASR contract run: ${want.passed} passed, 0 failed of ${want.tests} checks`));
    expect(readFileSync(join(merged, 'report.html'), 'utf8')).toContain(`${want.passed} passed, 0 failed of ${want.tests} checks`);
    const head = (f: string): string => /<testsuites [^>]*tests="\d+" failures="\d+" errors="0" skipped="\d+"/.exec(readFileSync(f, 'utf8'))![0];
    expect(head(join(merged, 'junit.xml'))).toBe(head(join(full, 'junit.xml')));
  });

  test.skipIf(!HAS_XMLLINT)(`the merged JUnit validates, with the full run's testcases ${HAS_XMLLINT ? '' : NO_XMLLINT}`, () => {
    expect(validateJunit(join(merged, 'junit.xml')).ok).toBe(true);
    expect(xpath(join(merged, 'junit.xml'), 'count(//testcase)')).toBe(xpath(join(full, 'junit.xml'), 'count(//testcase)'));
  });

  test('a shard whose report is missing makes the merge fail, naming it', async () => {
    const r = await runCli(['merge-reports', shards[0]!, shards[2]!, '--out', join(dir, 'merged-missing')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ shards · shard 2\/3: its run report is among the merged reports: no report of shard 2\/3/m);
  });

  test.each([
    ['no folder', [], /name the folders of the shards to merge/],
    ['a folder without a run report', ['EMPTY'], /EMPTY holds no run-report\.json: point at the folder a run wrote its reports into/],
    ['a folder that does not exist', ['NOPE'], /NOPE: no such folder or file/],
    ['a file that is not a run report', ['BAD'], /BAD is not an asr-contract run report/],
    ['the same shard twice', ['SHARD1', 'SHARD1COPY'], /are both shard 1\/3/],
    ['--out is one of the inputs', ['SHARD1', '--out', 'SHARD1'], /--out .* is one of the folders being merged/],
  ])('%s: exit 2 with one line', async (_name, args, message) => {
    mkdirSync(join(dir, 'EMPTY'), { recursive: true });
    writeFileSync(join(dir, 'BAD'), '{"run":{}}');
    mkdirSync(join(dir, 'SHARD1COPY'), { recursive: true });
    writeFileSync(join(dir, 'SHARD1COPY', 'run-report.json'), readFileSync(join(shards[0]!, 'run-report.json')));
    const fill = (a: string): string => ({ EMPTY: join(dir, 'EMPTY'), NOPE: join(dir, 'NOPE'), BAD: join(dir, 'BAD'), SHARD1: shards[0]!, SHARD1COPY: join(dir, 'SHARD1COPY') })[a] ?? a;
    const r = await runCli(['merge-reports', ...args.map(fill), ...(args.includes('--out') ? [] : ['--out', join(dir, 'never')])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
