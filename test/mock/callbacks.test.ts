// Callbacks from the emulator: a task with a CallbackUrl finishes on its own and is POSTed in the
// documented format, retried once after a refusal, with the CheckSum of stream callbacks; only to
// loopback addresses unless allowed.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callbackChecksum } from '../../src/signing/hmac-sha1.js';
import { callTc3 } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({ callbackDelayMs: 50 });
});
afterAll(() => em.close());

async function receiver(replies: string[]) {
  const got: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(replies[Math.min(got.length - 1, replies.length - 1)]);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const until = async (n: number): Promise<void> => {
    for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 25));
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, got, until, close: () => server.close() };
}

const ok = '{"code":0,"message":"success"}';
const refuse = '{"code":1,"message":"busy"}';
const recTask = (callback: string) => ({ EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 1, SourceType: 0, Url: 'https://example.com/meeting.wav', CallbackUrl: callback });

describe('emulator callbacks', () => {
  test('a recorded-file task calls back on its own, as a form, and is done without being polled', async () => {
    const r = await receiver([ok]);
    try {
      const created = await callTc3(em.url, 'CreateRecTask', recTask(r.url));
      const taskId = (created.json.Response as unknown as { Data: { TaskId: number } }).Data.TaskId;
      await r.until(1);
      expect(r.got).toHaveLength(1);
      expect(r.got[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const form = Object.fromEntries(new URLSearchParams(r.got[0]!.body));
      expect(form).toMatchObject({ code: '0', requestId: String(taskId), appid: em.model.service.local.appId, projectid: '0', audioUrl: 'https://example.com/meeting.wav' });
      expect(form.text).toMatch(/^\[0:0\.\d{3},\d+:\d+\.\d{3}\] {2}\S/);
      expect(JSON.parse(form.resultDetail!)[0]).toHaveProperty('FinalSentence');
      const status = await callTc3(em.url, 'DescribeTaskStatus', { TaskId: taskId });
      expect((status.json.Response as unknown as { Data: { Status: number; Result: string } }).Data).toMatchObject({ Status: 2, Result: form.text });
    } finally {
      r.close();
    }
  });

  test('a receiver that refuses is tried once more (2 attempts in all), and not a third time', async () => {
    const once = await receiver([refuse, ok]);
    const always = await receiver([refuse]);
    try {
      await callTc3(em.url, 'CreateRecTask', recTask(once.url));
      await callTc3(em.url, 'CreateRecTask', recTask(always.url));
      await once.until(2);
      await always.until(2);
      await new Promise((res) => setTimeout(res, 800)); // time for a (wrong) third attempt
      expect(once.got).toHaveLength(2);
      expect(always.got).toHaveLength(2);
      expect(once.got[0]!.body).toBe(once.got[1]!.body);
    } finally {
      once.close();
      always.close();
    }
  });

  test('a stream task calls back with JSON and CheckSum = sha256(AppId + SignToken + body)', async () => {
    const signed = await receiver([ok]);
    const unsigned = await receiver([ok]);
    try {
      await callTc3(em.url, 'CreateAsyncRecognitionTask', { EngineType: '16k_zh', Url: 'rtmp://example.com/live', CallbackUrl: signed.url, SignToken: 'tok-123' });
      await callTc3(em.url, 'CreateAsyncRecognitionTask', { EngineType: '16k_zh', Url: 'rtmp://example.com/live2', CallbackUrl: unsigned.url });
      await signed.until(1);
      await unsigned.until(1);
      const s = signed.got[0]!;
      expect(s.headers['content-type']).toMatch(/^application\/json/);
      expect(s.headers.checksum).toBe(callbackChecksum(em.model.service.local.appId, 'tok-123', s.body));
      expect(JSON.parse(s.body).Result[0]).toMatchObject({ Text: expect.any(String), VoiceId: expect.any(String), WordList: expect.any(Array) });
      expect(unsigned.got[0]!.headers.checksum).toBe('');
    } finally {
      signed.close();
      unsigned.close();
      await callTc3(em.url, 'DescribeAsyncRecognitionTasks', {});
    }
  });

  test('callbacks to anything but loopback are not delivered, and say why', async () => {
    await callTc3(em.url, 'CreateRecTask', recTask('https://callbacks.example.com/asr'));
    for (let i = 0; i < 40 && !em.callbacks.deliveries.some((d) => d.url.includes('callbacks.example.com')); i++) await new Promise((r) => setTimeout(r, 25));
    const d = em.callbacks.deliveries.find((x) => x.url.includes('callbacks.example.com'));
    expect(d).toMatchObject({ ok: false, attempt: 0, error: expect.stringContaining('--callback-allow callbacks.example.com') });
  });

  test('an undelivered callback is one plain line per host and reason, then a note that repeats are not logged', async () => {
    const before = em.logs.length;
    for (let i = 0; i < 3; i++) await callTc3(em.url, 'CreateRecTask', recTask('https://quiet.example.com/asr'));
    for (let i = 0; i < 80 && em.callbacks.deliveries.filter((x) => x.url.includes('quiet.example.com')).length < 3; i++) await new Promise((r) => setTimeout(r, 25));
    const lines = em.logs.slice(before).filter((l) => l.includes('quiet.example.com'));
    expect(lines).toEqual([
      'callback RecTaskCallback to quiet.example.com not delivered: not a loopback address (allow it with --callback-allow quiet.example.com)',
      'callback deliveries to quiet.example.com that fail the same way again are not logged',
    ]);
  });
});
