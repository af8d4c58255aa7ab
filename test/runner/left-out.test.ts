// What a run leaves out for a reason shows in the reports as skipped checks, each with its reason,
// under the action (or surface) it belongs to.
import { describe, expect, test } from 'vitest';
import { contractCases } from '../../src/model/cases.js';
import { leftOutChecks, leftOutSurfaces } from '../../src/runner/left-out.js';
import { casesById } from '../../src/runner/select.js';
import { projectModel } from '../helpers/emulator.js';

describe('left-out cases in the reports', () => {
  const cases = casesById(contractCases(projectModel()));
  const [id, c] = [...cases].find(([, x]) => x.action === 'CreateRecTask' && x.kind === 'example')!;

  test('a collection case: skipped under its action, with the reason', () => {
    expect(leftOutChecks([{ id, name: 'CreateRecTask', reason: 'billable' }], cases)).toEqual([
      { suite: 'CreateRecTask', case: [...c.folder, 'CreateRecTask'].join(' / '), name: 'not run', status: 'skipped', message: 'billable', durationMs: 0, source: 'collection' },
    ]);
  });

  test.each([
    [{ ws: 'no address' }, ['realtime:websocket', 'virtual-number:websocket']],
    [{ callbacks: 'cannot deliver' }, ['RecTaskCallback:callback']],
    [{}, []],
  ])('surfaces left out for %j', (reasons, want) => {
    const checks = leftOutSurfaces(['realtime', 'virtual-number'], ['RecTaskCallback'], reasons);
    expect(checks.map((x) => `${x.suite}:${x.source}`)).toEqual(want);
    for (const x of checks) expect(x).toMatchObject({ status: 'skipped', name: 'not run' });
  });
});
