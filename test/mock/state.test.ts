// State kept like the service: bounded collections with the real LimitExceeded codes, paging,
// progress over polls or time, and an optional state file that survives restarts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { callTc3 } from '../helpers/api3-client.js';
import { toneWav } from '../helpers/audio.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const running: TestEmulator[] = [];
const temps: string[] = [];
afterEach(async () => {
  for (const e of running.splice(0)) await e.close();
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
async function emulator(...args: Parameters<typeof startTestEmulator>): Promise<TestEmulator> {
  const e = await startTestEmulator(...args);
  running.push(e);
  return e;
}
const ok = (r: Awaited<ReturnType<typeof callTc3>>) => {
  expect(r.json.Response.Error).toBeUndefined();
  return r.json.Response as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

describe('emulator state', () => {
  test('a full collection answers the documented LimitExceeded code (30 hot-word tables)', async () => {
    const e = await emulator();
    const cap = e.model.emulator.resources.find((r) => r.name === 'vocab')!.cap;
    for (let i = 0; i < cap.max; i++) ok(await callTc3(e.url, 'CreateAsrVocab', { Name: `t${i}` }));
    const full = await callTc3(e.url, 'CreateAsrVocab', { Name: 'one too many' });
    expect(full.json.Response.Error?.Code).toBe('LimitExceeded.VocabFull');
    const list = ok(await callTc3(e.url, 'GetAsrVocabList', { Offset: 25, Limit: 10 }));
    expect(list.TotalCount).toBe(30);
    expect(list.VocabList.map((v: { Name: string }) => v.Name)).toEqual(['t25', 't26', 't27', 't28', 't29']);
  });

  test('unknown ids answer each kind\'s own code', async () => {
    const e = await emulator();
    const cases: [string, Record<string, unknown>, string][] = [
      ['GetAsrVocab', { VocabId: 'nope' }, 'InvalidParameterValue.InvalidVocabId'],
      ['GetModelInfo', { ModelId: 'nope' }, 'InvalidParameterValue.ModelId'],
      ['DescribeTaskStatus', { TaskId: 1 }, 'FailedOperation.NoSuchTask'],
      ['CloseAsyncRecognitionTask', { TaskId: 1 }, 'FailedOperation.NoSuchTask'],
      ['VoicePrintVerify', { VoiceFormat: 1, SampleRate: 16000, VoicePrintId: 'nope', Data: toneWav({ ms: 500 }).toString('base64') }, 'FailedOperation.NotExistentVoicePrintId'],
      ['DeleteAsrKeyWordLib', { KeyWordLibId: 'nope' }, 'InvalidParameterValue'],
    ];
    for (const [action, params, code] of cases) expect((await callTc3(e.url, action, params)).json.Response.Error?.Code, action).toBe(code);
  });

  test.each([
    ['the default step (1 s), polled every second', undefined, 1000, [0, 1, 2]],
    ['--step-ms 5000, polled every second', 5000, 1000, [0, 0, 0, 0, 0, 1, 1, 1]],
    ['--step-ms 60000, polled every second', 60000, 1000, [0, 0, 0, 0, 0, 0, 0, 0]],
    ['the default step, first polled an hour later', undefined, 3_600_000, [0, 1, 2]],
    ['--step-ms 0, polled back to back', 0, 0, [0, 1, 2]],
  ] as const)('a task polled with %s shows every documented state in order', async (_name, stepMs, everyMs, expected) => {
    const e = await emulator(stepMs === undefined ? {} : { stepMs });
    const created = ok(await callTc3(e.url, 'CreateRecTask', { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/x.wav' }));
    let offset = 0;
    const wait = (ms: number): void => {
      e.advance(ms);
      offset += ms;
    };
    if (everyMs > 1000) wait(everyMs);
    const seen: number[] = [];
    let last: Record<string, unknown> = {};
    for (let i = 0; i < expected.length; i++) {
      last = ok(await callTc3(e.url, 'DescribeTaskStatus', { TaskId: created.Data.TaskId }, { now: Date.now() + offset })).Data;
      seen.push(last.Status as number);
      if (everyMs <= 1000) wait(everyMs);
    }
    expect(seen).toEqual(expected);
    if (seen.at(-1) === 2) {
      expect(last).toMatchObject({ StatusStr: 'success', AudioDuration: expect.any(Number) });
      expect(last.ResultDetail).toBeNull(); // ResTextFormat 0 asks for no detail
    } else expect(last).toMatchObject({ StatusStr: seen.at(-1) === 0 ? 'waiting' : 'doing', Result: '' });
  });

  test('--state keeps resources across a restart, and a broken state file is a clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asr-state-'));
    temps.push(dir);
    const statePath = join(dir, 'state.json');
    const first = await emulator({ statePath });
    const { VocabId } = ok(await callTc3(first.url, 'CreateAsrVocab', { Name: '持久化', WordWeights: [{ Word: '状态', Weight: 7 }] }));
    await first.close();
    running.splice(running.indexOf(first), 1);
    const lines = readFileSync(statePath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown[]);
    expect(lines.filter((l) => l[0] === 'new' && l[1] === 'vocab')).toHaveLength(1);
    const second = await emulator({ statePath });
    expect(ok(await callTc3(second.url, 'GetAsrVocab', { VocabId })).WordWeights).toEqual([{ Word: '状态', Weight: 7 }]);
    const next = ok(await callTc3(second.url, 'CreateAsrVocab', { Name: 'another' }));
    expect(next.VocabId).not.toBe(VocabId); // the id counter is restored too
    await second.close();
    running.splice(running.indexOf(second), 1);
    writeFileSync(statePath, '{"version": 1, "collections": ');
    await expect(startTestEmulator({ statePath })).rejects.toThrow(/state file .* is not valid JSON/);
  });

  test('an error scenario header answers that error; latency is returned to the server to apply', async () => {
    const e = await emulator();
    const r = await callTc3(e.url, 'DescribeAsyncRecognitionTasks', {}, { headers: { 'X-Emulator-Scenario': 'error=FailedOperation.ErrorRecognize' } });
    expect(r.json.Response.Error?.Code).toBe('FailedOperation.ErrorRecognize');
    const bad = await callTc3(e.url, 'DescribeAsyncRecognitionTasks', {}, { headers: { 'X-Emulator-Scenario': 'error=Made.Up' }, language: 'en-US' });
    expect(bad.json.Response.Error).toMatchObject({ Code: 'InvalidParameterValue', Message: expect.stringContaining('unknown error code "Made.Up"') });
  });
});
