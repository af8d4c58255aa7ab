// Records expire as the service's do (the retention in specs/emulator.yaml), and a test moves the
// emulator's clock instead of waiting a day: POST /_emulator/clock. Expired records are gone from
// memory and from the state file, their ids answer like ids never issued, and caps free up.
import { describe, expect, onTestFinished, test } from 'vitest';
import { FUNCTIONS } from '../../src/model/expr-eval.js';
import { CLOCK_PATH } from '../../src/mock/clock-endpoint.js';
import { callTc3 } from '../helpers/api3-client.js';
import { projectModel, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { stateLines, tempState } from '../helpers/state-files.js';

const TASK = { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/a.wav' };
const HOUR = 3_600_000;
async function emulator(...args: Parameters<typeof startTestEmulator>): Promise<TestEmulator> {
  const e = await startTestEmulator(...args);
  onTestFinished(() => e.close());
  return e;
}
async function moveClock(e: TestEmulator, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${e.url}${CLOCK_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}
const advance = async (e: TestEmulator, ms: number): Promise<Record<string, unknown>> => {
  const r = await moveClock(e, { advance: `${ms}ms` });
  expect(r.status).toBe(200);
  return r.json;
};
const error = (r: Awaited<ReturnType<typeof callTc3>>): unknown => r.json.Response.Error;
const taskIdOf = (r: Awaited<ReturnType<typeof callTc3>>): number => (r.json.Response.Data as { TaskId: number }).TaskId;

describe('each kind keeps its records for its retention in specs/emulator.yaml', () => {
  const kinds = projectModel().emulator.resources.map((k) => [k.name, k.retentionMs] as const);
  test('the recorded-file task keeps the documented 24 hours', () => {
    expect(Object.fromEntries(kinds)['rec-task']).toBe(24 * HOUR);
  });

  test.each(kinds)('%s (retention %s ms): there just before it, gone just after, and its memory freed', async (kind, retentionMs) => {
    const e = await emulator();
    const record = e.store.insert(kind, {}, e.store.now());
    const id = record[e.store.kind(kind).id.field];
    const lifetime = retentionMs ?? 10 * 366 * 24 * HOUR;
    expect((await advance(e, lifetime - 1000)).expired).toBe(0);
    expect(e.store.get(kind, id)).toBe(record);
    const after = await advance(e, 1000);
    expect(after.expired).toBe(retentionMs === undefined ? 0 : 1);
    expect(e.store.get(kind, id)).toBe(retentionMs === undefined ? record : undefined);
    expect(e.store.held(kind)).toBe(retentionMs === undefined ? 1 : 0);
  });
});

// How long a recorded-file task lives, as specs/emulator.yaml says.
const TASK_RETENTION = projectModel().emulator.resources.find((k) => k.name === 'rec-task')!.retentionMs!;

describe('an expired task', () => {
  test('answers exactly like a TaskId never issued', async () => {
    const e = await emulator();
    const id = taskIdOf(await callTc3(e.url, 'CreateRecTask', TASK));
    expect(error(await callTc3(e.url, 'DescribeTaskStatus', { TaskId: id }))).toBeUndefined();
    await advance(e, TASK_RETENTION);
    const expired = (await callTc3(e.url, 'DescribeTaskStatus', { TaskId: id })).json.Response.Error;
    const never = (await callTc3(e.url, 'DescribeTaskStatus', { TaskId: 4_000_000_001 })).json.Response.Error;
    expect(expired).toEqual(never);
    expect(expired?.Code).toBe('FailedOperation.NoSuchTask');
  });

  test('is removed from the state file too: gone after a restart, and the clock is kept', async () => {
    const { path } = tempState();
    const first = await startTestEmulator({ statePath: path });
    const old = taskIdOf(await callTc3(first.url, 'CreateRecTask', TASK));
    await advance(first, TASK_RETENTION - HOUR);
    const young = taskIdOf(await callTc3(first.url, 'CreateRecTask', TASK));
    await advance(first, 2 * HOUR);
    await first.close();
    expect(stateLines(path)).toContainEqual(['del', 'rec-task', old]);
    const second = await emulator({ statePath: path });
    expect(second.store.clock.offsetMs).toBeGreaterThanOrEqual(TASK_RETENTION + HOUR);
    expect(second.store.all('rec-task').map((t) => t.TaskId)).toEqual([young]);
    expect((await callTc3(second.url, 'DescribeTaskStatus', { TaskId: old })).json.Response.Error?.Code).toBe('FailedOperation.NoSuchTask');
    expect(stateLines(path).filter((l) => l[0] === 'new').map((l) => (l[2] as { TaskId: number }).TaskId)).toEqual([young]);
  });
});

describe('a cap counts live records only', () => {
  test('tasks fill the cap; once they are past their retention, CreateRecTask works again', async () => {
    const e = await emulator();
    const cap = e.store.kind('rec-task').cap;
    for (let i = 0; i < cap.max; i++) e.store.insert('rec-task', { ...TASK, Status: 2 }, e.store.now());
    expect(error(await callTc3(e.url, 'CreateRecTask', TASK))).toMatchObject({ Code: cap.error });
    expect((await advance(e, TASK_RETENTION)).expired).toBe(cap.max);
    expect(error(await callTc3(e.url, 'CreateRecTask', TASK))).toBeUndefined();
  });

  test('a full usage table frees up as its days expire', async () => {
    const e = await emulator();
    const { maxEntries, error: code } = e.model.emulator.usage;
    for (let i = 0; i < maxEntries; i++) e.store.meter(`biz${i}`, FUNCTIONS.date!(e.store.now()) as string, 1);
    expect(error(await callTc3(e.url, 'CreateRecTask', TASK))).toMatchObject({ Code: code }); // a create meters its audio
    await advance(e, e.model.emulator.usage.retentionMs! + 24 * HOUR);
    expect(error(await callTc3(e.url, 'CreateRecTask', TASK))).toBeUndefined();
  });

  test('GetUsageByDate counts a day until its retention is over', async () => {
    const e = await emulator();
    await callTc3(e.url, 'CreateRecTask', TASK);
    const today = FUNCTIONS.date!(e.store.now()) as string;
    const usage = async (): Promise<unknown> => (await callTc3(e.url, 'GetUsageByDate', { BizNameList: ['asr_rec'], StartDate: today, EndDate: today })).json.Response.Data;
    expect(await usage()).toMatchObject({ UsageByDateInfoList: [{ BizName: 'asr_rec', Count: 1 }] });
    await advance(e, e.model.emulator.usage.retentionMs! + 24 * HOUR);
    expect(await usage()).toMatchObject({ UsageByDateInfoList: [{ BizName: 'asr_rec', Count: 0 }] });
  });
});

describe('the emulator clock', () => {
  test('task progress reads it: a task with 60 s steps moves on once the clock has moved', async () => {
    const e = await emulator({ stepMs: 60_000 });
    const id = taskIdOf(await callTc3(e.url, 'CreateRecTask', TASK));
    const status = async (): Promise<unknown> => (await callTc3(e.url, 'DescribeTaskStatus', { TaskId: id })).json.Response.Data;
    expect(await status()).toMatchObject({ Status: 0 });
    expect(await status()).toMatchObject({ Status: 0 });
    await advance(e, 120_000);
    expect(await status()).toMatchObject({ Status: 1 });
    expect(await status()).toMatchObject({ Status: 2, StatusStr: 'success' });
  });

  test('creation times read it, while signatures are still checked against the real time', async () => {
    const e = await emulator();
    const moved = await moveClock(e, { to: '2031-05-06T07:08:09Z' });
    expect(moved.json).toMatchObject({ now: '2031-05-06T07:08:09.000Z' });
    const created = await callTc3(e.url, 'CreateAsrVocab', { Name: 'dated' });
    expect(error(created)).toBeUndefined();
    const vocab = (await callTc3(e.url, 'GetAsrVocab', { VocabId: created.json.Response.VocabId })).json.Response;
    expect(vocab.CreateTime).toMatch(/^2031-05-06T15:08:/); // China time
  });

  test('GET tells the time and its offset from the real time', async () => {
    const e = await emulator();
    await advance(e, 90_000);
    const res = await fetch(`${e.url}${CLOCK_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as { now: string; epochMs: number; offsetMs: number };
    expect(body.offsetMs).toBe(90_000);
    expect(Date.parse(body.now)).toBe(body.epochMs);
  });

  test.each([
    ['a move back', { to: '2001-01-01T00:00:00Z' }, 400, /the clock only moves forward; it is at /],
    ['a duration without a unit', { advance: '25' }, 400, /advance must be a duration such as "90s"/],
    ['a negative duration', { advance: -5 }, 400, /advance must be a duration/],
    ['a time without its zone', { to: '2031-01-01T00:00:00' }, 400, /"to" must be an ISO 8601 time with its zone/],
    ['both keys', { advance: '1h', to: '2031-01-01T00:00:00Z' }, 400, /exactly one of "advance" or "to"/],
    ['an unknown key', { forward: '1h' }, 400, /exactly one of "advance" or "to"/],
    ['a body that is not JSON', 'soon', 400, /the body must be JSON/],
    ['a body over 1 KB', JSON.stringify({ advance: `${'1'.repeat(2000)}s` }), 413, /at most 1024 bytes/],
  ])('POST with %s is refused with %i and leaves the clock', async (_name, body, status, message) => {
    const e = await emulator();
    const r = await moveClock(e, body);
    expect(r.status).toBe(status);
    expect(String(r.json.error)).toMatch(message);
    expect(e.store.clock.offsetMs).toBe(0);
  });

  test('other methods answer 405 with the ones it takes', async () => {
    const e = await emulator();
    const res = await fetch(`${e.url}${CLOCK_PATH}`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});
