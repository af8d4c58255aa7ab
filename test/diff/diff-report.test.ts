// The diff's output forms and the release rule: which version a set of changes calls for.
import { describe, expect, test } from 'vitest';
import { change, type Change } from '../../src/diff/change.js';
import { formatReport } from '../../src/diff/format.js';
import { checkVersion } from '../../src/diff/version-bump.js';

const CHANGES: Change[] = [
  change('breaking', 'GetItem.request.Mode', 'removed'),
  change('compatible', 'GetItem.request.Verbose', 'added'),
  change('docs', 'types.Item.Label', 'description changed'),
  change('example', 'GetItem', 'request example "read-item-7" changed'),
];

describe('version a release needs', () => {
  test.each([
    ['1.4.2', '1.4.2', ['breaking'], '2.0.0', true],
    ['1.4.2', '2.0.0', ['breaking', 'docs'], '2.0.0', false],
    ['1.4.2', '1.5.0', ['compatible'], '1.5.0', false],
    ['1.4.2', '1.4.3', ['compatible'], '1.5.0', true],
    ['1.4.2', '1.4.3', ['docs', 'example'], '1.4.3', false],
    ['0.3.1', '0.4.0', ['breaking'], '0.4.0', false],
    ['0.3.1', '0.3.2', ['compatible'], '0.3.2', false],
    ['1.4.2', '1.4.2', [], undefined, false],
  ] as const)('%s → %s with %j needs %s (too low: %s)', (old, now, kinds, needed, tooLow) => {
    const v = checkVersion(old, now, kinds.map((k) => change(k, 'x', 'y')));
    expect(v.needed).toBe(needed);
    expect(v.tooLow).toBe(tooLow);
  });

  test('unknown when the old documents carried no version', () => {
    expect(checkVersion(undefined, '1.0.0', CHANGES)).toEqual({ new: '1.0.0', tooLow: false });
  });
});

describe('markdown', () => {
  const report = { old: { label: 'v1.4.2', version: '1.4.2' }, new: { label: 'the working tree', version: '1.4.2' }, changes: CHANGES, hidden: 0 };

  test('a CHANGELOG entry: a heading with the version, the summary, then one section per kind', () => {
    expect(formatReport(report, 'markdown')).toBe(
      [
        '## ASR contract 1.4.2',
        '',
        '4 changes from `v1.4.2` to `the working tree`: 1 breaking, 1 compatible, 1 docs, 1 example.',
        '',
        '> **Version:** contract 1.4.2 → 1.4.2: these changes need at least 2.0.0.',
        '',
        '### Breaking changes',
        '',
        '- `GetItem.request.Mode`: removed',
        '',
        '### Compatible changes',
        '',
        '- `GetItem.request.Verbose`: added',
        '',
        '### Documentation',
        '',
        '- `types.Item.Label`: description changed',
        '',
        '### Examples',
        '',
        '- `GetItem`: request example "read-item-7" changed',
      ].join('\n'),
    );
  });

  test('a bumped version: the heading names both, no warning', () => {
    const md = formatReport({ ...report, new: { ...report.new, version: '2.0.0' } }, 'markdown');
    expect(md.split('\n').slice(0, 4)).toEqual(['## ASR contract 2.0.0 (from 1.4.2)', '', '4 changes from `v1.4.2` to `the working tree`: 1 breaking, 1 compatible, 1 docs, 1 example.', '']);
    expect(md).not.toContain('Version:');
  });

  test('no changes', () => {
    expect(formatReport({ ...report, changes: [] }, 'markdown')).toBe('## ASR contract 1.4.2\n\nNo changes from `v1.4.2` to `the working tree`.');
  });
});

describe('table and json', () => {
  test('--breaking-only: the hidden changes are counted, the version still weighs all of them', () => {
    const shown = CHANGES.filter((c) => c.breaking);
    const text = formatReport({ old: { label: 'a', version: '1.0.0' }, new: { label: 'b', version: '1.1.0' }, changes: shown, hidden: 3 }, 'table', CHANGES);
    expect(text).toBe(['BREAKING GetItem.request.Mode  removed', '', '1 change from a to b: 1 breaking (3 non-breaking changes not shown: --breaking-only)', 'contract 1.0.0 → 1.1.0: these changes need at least 2.0.0'].join('\n'));
  });

  test('json carries the counts by kind and the version check', () => {
    const json = JSON.parse(formatReport({ old: { label: 'a', version: '1.0.0' }, new: { label: 'b', version: '2.0.0' }, changes: CHANGES, hidden: 0 }, 'json')) as Record<string, unknown>;
    expect(json).toMatchObject({ old: 'a', new: 'b', breaking: 1, counts: { breaking: 1, compatible: 1, docs: 1, example: 1 }, version: { old: '1.0.0', new: '2.0.0', needed: '2.0.0', tooLow: false } });
    expect(json.changes).toEqual(CHANGES);
  });
});
