// WebSocket sessions through the proxy: a real session with the emulator is relayed with 0
// violations; against an upstream that sends a malformed message, the session is still relayed,
// every frame unchanged, and the malformed message is reported with its pointer; a wrong URL
// signature gets the channel's error message from the proxy and nothing is dialled.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { failedChecks } from '../../src/proxy/exchange.js';
import { signedChannelUrl } from '../../src/signing/surface-urls.js';
import { pcmTone } from '../helpers/audio.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startTestProxy } from '../helpers/proxy.js';

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({ wsSilenceMs: 1000 });
});
afterAll(() => em.close());

function realtimeUrl(proxyUrl: string, o: { secretKey?: string } = {}): string {
  const c = em.model.channels.find((x) => x.name === 'realtime')!;
  const local = em.model.service.local;
  return signedChannelUrl(c, { base: proxyUrl.replace('http', 'ws'), appId: local.appId, secretId: local.secretId, secretKey: o.secretKey ?? local.secretKey, params: { engine_model_type: '16k_zh', voice_id: `p-${Date.now()}` }, now: Math.floor(Date.now() / 1000) }).url;
}

/** Sends one second of audio and `end`; every text frame received, until the server closes. */
function converse(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const got: string[] = [];
    const ws = new WebSocket(url);
    const timer = setTimeout(() => reject(new Error(`no close; got ${got.join('\n')}`)), 10_000);
    ws.on('open', () => {
      const pcm = pcmTone({ ms: 1000 });
      for (let i = 0; i < pcm.length; i += 6400) ws.send(pcm.subarray(i, i + 6400));
      ws.send(JSON.stringify({ type: 'end' }));
    });
    ws.on('message', (d: Buffer) => got.push(d.toString('utf8')));
    ws.on('close', () => {
      clearTimeout(timer);
      resolve(got);
    });
    ws.on('error', reject);
  });
}

/** A stand-in for the service that acknowledges, sends one result with a broken field, and closes. */
async function brokenUpstream(): Promise<{ url: string; frames: string[]; dialled: () => number; close(): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  let dialled = 0;
  const frames = [
    JSON.stringify({ code: 0, message: 'success', voice_id: 'v1' }),
    JSON.stringify({ code: 0, message: 'success', voice_id: 'v1', message_id: 'v1_1_0', result: { slice_type: 0, index: 0, start_time: 0, end_time: 'late', voice_text_str: '明天', word_size: 0, word_list: [] } }),
  ];
  wss.on('connection', (ws) => {
    dialled++;
    for (const f of frames) ws.send(f);
    ws.on('message', (_d, binary) => {
      if (!binary) ws.close(1000);
    });
  });
  return { url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`, frames, dialled: () => dialled, close: () => new Promise((r) => wss.close(() => r())) };
}

describe('WebSocket sessions through the proxy', () => {
  test('a session with the emulator is relayed whole, with 0 violations', async () => {
    const proxy = await startTestProxy({ upstream: em.url });
    try {
      const got = await converse(realtimeUrl(proxy.url));
      expect(JSON.parse(got[0]!)).toMatchObject({ code: 0 });
      expect(JSON.parse(got.at(-1)!)).toMatchObject({ final: 1 });
      await expect.poll(() => proxy.session.exchanges.length).toBe(1);
      const x = proxy.session.exchanges[0]!;
      expect(x.surface).toBe('realtime');
      expect(failedChecks(x)).toEqual([]);
      // Every server frame was checked, each as the message it is.
      expect(x.checks.filter((c) => c.name.startsWith('server message')).length).toBe(got.length);
      expect(proxy.lines).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });

  test('an upstream sending a malformed message: relayed unchanged, and the message is reported', async () => {
    const up = await brokenUpstream();
    const proxy = await startTestProxy({ upstream: up.url });
    try {
      const got = await converse(realtimeUrl(proxy.url));
      expect(got).toEqual(up.frames);
      await expect.poll(() => proxy.session.exchanges.length).toBe(1);
      const failures = failedChecks(proxy.session.exchanges[0]!);
      expect(failures.map((c) => c.name)).toEqual(['server message 2 is a realtime message']);
      expect(failures[0]!.findings).toContainEqual({ pointer: '/result/end_time', rule: 'as result: /result/end_time must be integer [type]' });
      expect(proxy.lines).toEqual([expect.stringMatching(/Z realtime v1 \/result\/end_time as result: \/result\/end_time must be integer \[type\] \(server message 2 is a realtime message\)$/)]);
    } finally {
      await proxy.stop();
      await up.close();
    }
  });

  test('a wrong URL signature: the channel\'s error message from the proxy, and the upstream is never dialled', async () => {
    const up = await brokenUpstream();
    const proxy = await startTestProxy({ upstream: up.url });
    try {
      const got = await converse(realtimeUrl(proxy.url, { secretKey: 'not-the-key' }));
      const authFailed = em.model.channels.find((c) => c.name === 'realtime')!.codes.find((c) => c.role === 'auth-failed')!.code;
      expect(got.map((t) => JSON.parse(t).code)).toEqual([authFailed]);
      expect(up.dialled()).toBe(0);
      await expect.poll(() => proxy.session.exchanges.length).toBe(1);
      expect(failedChecks(proxy.session.exchanges[0]!).map((c) => c.name)).toEqual(["the client's signature is valid"]);
      expect(proxy.lines[0]).toMatch(/ \/request\/query\/signature \d+: signature mismatch \[signature\]/);
    } finally {
      await proxy.stop();
      await up.close();
    }
  });
});
