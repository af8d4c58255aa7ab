// Merging the reports of a run's shards: every check kept, the identical preflights once, a missing
// shard a failure, and shards of different runs refused.
import { describe, expect, test } from 'vitest';
import { mergeReports, MergeError } from '../../src/report/merge.js';
import { totals, type CheckResult, type RunReport } from '../../src/report/model.js';

const c = (suite: string, name: string, status: CheckResult['status'] = 'passed', source: CheckResult['source'] = 'collection'): CheckResult => ({ suite, case: `${suite} case`, name, status, durationMs: 10, source });
const preflight = (status: CheckResult['status'] = 'passed') => c('preflight', 'the target answers', status, 'preflight');
const shard = (index: number, total: number, checks: CheckResult[]): RunReport => ({ title: 'ASR contract run', plan: [`plan ${index}`], durationMs: 100 * index, startedAt: `2025-01-01T00:00:0${index}.000Z`, checks: [preflight(), ...checks], shard: { index, total }, requests: index });

describe('mergeReports', () => {
  test('keeps every check in shard order, counts the shared preflight once, and adds up time and requests', () => {
    const merged = mergeReports([shard(2, 2, [c('B', 'b1'), c('B', 'b2', 'failed')]), shard(1, 2, [c('A', 'a1')])]);
    expect(merged.checks.map((x) => `${x.suite}:${x.name}`)).toEqual(['preflight:the target answers', 'A:a1', 'B:b1', 'B:b2']);
    expect(totals(merged.checks)).toEqual({ tests: 4, passed: 3, failed: 1, skipped: 0 });
    expect(merged).toMatchObject({ durationMs: 300, requests: 3, startedAt: '2025-01-01T00:00:01.000Z', plan: ['shard 1/2:', 'plan 1', 'shard 2/2:', 'plan 2'] });
    expect(merged.shard).toBeUndefined();
  });

  test('a preflight that failed in one shard is kept beside the passing one', () => {
    const two = shard(2, 2, []);
    two.checks[0] = preflight('failed');
    expect(totals(mergeReports([shard(1, 2, []), two]).checks)).toEqual({ tests: 2, passed: 1, failed: 1, skipped: 0 });
  });

  test('a missing shard is a failed check, so the merge cannot be green', () => {
    const merged = mergeReports([shard(1, 3, [c('A', 'a1')]), shard(3, 3, [])]);
    const missing = merged.checks.filter((x) => x.source === 'merge');
    expect(missing).toEqual([expect.objectContaining({ suite: 'shards', case: 'shard 2/3', status: 'failed' })]);
    expect(totals(merged.checks).failed).toBe(1);
  });

  test.each([
    ['nothing', [], /no run reports to merge/],
    ['the same shard twice', [shard(1, 2, []), shard(1, 2, [])], /report 1 and report 2 are both shard 1\/2/],
    ['shards of different splits', [shard(1, 2, []), shard(2, 3, [])], /report 2 is shard 2\/3, but report 1 is of 2 shards/],
    ['a whole run among shards', [shard(1, 2, []), { ...shard(2, 2, []), shard: undefined }], /report 2 is a whole run, the others are shards/],
  ])('%s is refused', (_name, reports, message) => {
    expect(() => mergeReports(reports as RunReport[])).toThrow(MergeError);
    expect(() => mergeReports(reports as RunReport[])).toThrow(message);
  });

  test('whole runs (no shards) merge as they are', () => {
    const a = { ...shard(1, 1, [c('A', 'a')]), shard: undefined };
    const b = { ...shard(1, 1, [c('B', 'b')]), shard: undefined };
    expect(mergeReports([a, b], ['x', 'y']).checks.map((k) => k.suite)).toEqual(['preflight', 'A', 'B']);
  });
});
