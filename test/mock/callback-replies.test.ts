// Callback receivers that try to exhaust the emulator: a 400 MB reply is cut off at the reply bound,
// and a reply that drips a byte every 2 s is cut off at the delivery deadline (both from
// specs/emulator.yaml wire.callbacks), while the emulator's memory stays where it was.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callTc3 } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const MB = 1024 * 1024;
let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({ callbackDelayMs: 20 });
});
afterAll(() => em.close());

interface Hostile {
  url: string;
  /** When each delivery arrived, and when its connection ended (ms, performance.now()). */
  visits: { at: number; closedAt?: number }[];
  close: () => void;
}

async function hostileReceiver(reply: (res: ServerResponse) => void): Promise<Hostile> {
  const visits: Hostile['visits'] = [];
  const server: Server = createServer((req, res) => {
    const visit: Hostile['visits'][number] = { at: performance.now() };
    visits.push(visit);
    req.resume();
    req.on('end', () => reply(res));
    res.on('close', () => (visit.closedAt = performance.now()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`,
    visits,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** 400 MB of `{"code":0,…` padding, written as fast as the emulator takes it, until it hangs up. */
function huge(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(400 * MB) });
  const chunk = Buffer.alloc(MB, 0x20);
  let sent = 0;
  const pump = (): void => {
    while (sent < 400 && !res.destroyed) {
      sent += 1;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  res.on('error', () => {});
  pump();
}

/** The documented success, one byte every 2 s. */
function drip(res: ServerResponse): void {
  const text = '{"code":0,"message":"success"}';
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(text.length) });
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed || i >= text.length) return clearInterval(timer);
    res.write(text[i++]);
  }, 2000);
  res.on('close', () => clearInterval(timer));
}

const bounds = () => em.model.emulator.wire.callbacks;

describe('callback replies are read within a bound and a deadline', () => {
  test.each([
    ['a 400 MB reply', huge, () => `the reply is longer than ${bounds().replyBytes} bytes, so it was cut off there`],
    ['a reply that drips one byte every 2 s', drip, () => `no complete reply within ${bounds().timeoutSeconds * 1000} ms`],
  ] as const)('%s is cut off, the delivery counts as failed, and memory stays bounded', async (_name, reply, why) => {
    const receiver = await hostileReceiver(reply);
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      await callTc3(em.url, 'CreateRecTask', { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/a.wav', CallbackUrl: receiver.url });
      const first = () => em.callbacks.deliveries.find((d) => d.url === receiver.url);
      for (let i = 0; i < 400 && !first(); i++) await new Promise((r) => setTimeout(r, 25));
      expect(first()).toMatchObject({ callback: 'RecTaskCallback', attempt: 1, ok: false, error: expect.stringContaining(why()) });
      // The first delivery's connection ended by the deadline at the latest (a bound on an event, with room for a busy machine).
      for (let i = 0; i < 40 && receiver.visits[0]?.closedAt === undefined; i++) await new Promise((r) => setTimeout(r, 25));
      const visit = receiver.visits[0]!;
      expect(visit.closedAt! - visit.at).toBeLessThan(bounds().timeoutSeconds * 1000 + 2000);
      expect((peak - before) / MB).toBeLessThan(50);
    } finally {
      clearInterval(sampler);
      receiver.close();
    }
  }, 30_000);
});
