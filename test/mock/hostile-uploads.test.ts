// Uploads meant to exhaust the emulator: five concurrent 95 MB flash uploads with no signature must be
// refused before their bodies are read (the signature covers the URL, not the body) and leave the
// emulator's memory where it was; a body that stops arriving is answered within a few seconds. The
// memory is the emulator's own: it runs as a child process (as users run it) and its RSS is read
// from /proc while the uploads stream.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { signedEndpointRequest } from '../../src/signing/surface-urls.js';
import { tc3Request } from '../helpers/api3-client.js';
import { projectModel, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const MB = 1024 * 1024;
const model = projectModel();
const flashEndpoint = model.endpoints[0]!;
const local = model.service.local;
// Signed over the real host, which the emulator accepts from any address it is reached at.
const signed = signedEndpointRequest(flashEndpoint, { base: `https://${flashEndpoint.host}`, appId: local.appId, secretId: local.secretId, secretKey: local.secretKey, params: { engine_type: '16k_zh', voice_format: 'wav' }, now: Math.floor(Date.now() / 1000) });
const flashPath = signed.url.slice(`https://${flashEndpoint.host}`.length);
const signature = Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');

interface Upload {
  /** From the request head written to the first byte of the answer. */
  answeredAfterMs: number;
  status: string;
  body: string;
}

/**
 * A raw upload: the head announces `declared` bytes, then `send` bytes of body follow in 1 MB writes,
 * at the pace the socket takes them, until sent or until the server closes. Resolves with the answer.
 */
function upload(port: number, head: string, declared: number, send: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(MB, 0x5a);
    let headAt = 0;
    let answeredAt = 0;
    let answer = '';
    let sent = 0;
    const pump = (): void => {
      while (sent < send && !socket.destroyed) {
        const n = Math.min(MB, send - sent);
        sent += n;
        if (!socket.write(n === MB ? chunk : chunk.subarray(0, n))) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(`${head}Content-Length: ${declared}\r\n\r\n`, () => {
        headAt = performance.now();
        pump();
      });
    });
    socket.on('data', (d: Buffer) => {
      answeredAt ||= performance.now();
      answer += d.toString('utf8');
    });
    const done = (): void => {
      clearTimeout(timer);
      if (!answeredAt) return reject(new Error(`no answer; sent ${sent} bytes`));
      const [statusLine = '', ...rest] = answer.split('\r\n');
      resolve({ answeredAfterMs: answeredAt - headAt, status: statusLine, body: rest.join('\r\n').split('\r\n\r\n')[1] ?? answer.slice(answer.indexOf('\r\n\r\n') + 4) });
    };
    socket.on('close', done);
    socket.on('error', () => {}); // the server cuts off a refused upload; 'close' follows
    const timer = setTimeout(() => socket.destroy(), 30_000);
  });
}

const rssOf = (pid: number): number => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

describe.skipIf(process.platform !== 'linux')('flash uploads without a signature, against the emulator as a process', () => {
  let child: ChildProcess;
  let port = 0;
  beforeAll(async () => {
    child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'mock', '--port', '0'], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening`)));
    });
    port = Number(/127\.0\.0\.1:(\d+)/.exec(line)?.[1]);
    // Warm up the paths the uploads take, so that first-use compilation is not counted as their cost.
    for (let i = 0; i < 3; i++) await upload(port, `POST ${flashPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`, MB, MB);
  }, 60_000);
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  test('a refused 1 MB upload whose client asked for Connection: close, and sends on, still gets the answer (10 rounds)', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await upload(port, `POST ${flashPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`, MB, MB);
      expect(JSON.parse(r.body)).toMatchObject({ code: 4002 });
    }
  }, 60_000);

  test('5 concurrent 95 MB uploads: each refused (4002) within 1 s of its head, emulator memory up by less than 50 MB', async () => {
    const before = rssOf(child.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid!))), 10);
    try {
      const head = `POST ${flashPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n`;
      const results = await Promise.all(Array.from({ length: 5 }, () => upload(port, head, 95 * MB, 95 * MB)));
      await new Promise((r) => setTimeout(r, 200)); // the emulator drops what it still received
      peak = Math.max(peak, rssOf(child.pid!));
      expect((peak - before) / MB).toBeLessThan(50);
      for (const r of results) {
        expect(r.status).toBe('HTTP/1.1 200 OK');
        expect(JSON.parse(r.body)).toMatchObject({ code: 4002, audio_duration: 0 });
        expect(r.answeredAfterMs).toBeLessThan(1000);
      }
    } finally {
      clearInterval(sampler);
    }
  }, 60_000);
});

describe('a body that never completes is answered within a few seconds', () => {
  let em: TestEmulator;
  beforeAll(async () => {
    em = await startTestEmulator();
  });
  afterAll(() => em.close());
  const idle = model.emulator.wire.http.bodyIdleSeconds;

  test.each([
    ['API 3.0', () => `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(tc3Request('http://127.0.0.1', 'DescribeAsyncRecognitionTasks', {}).headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}`, 'HTTP/1.1 400 Bad Request', (b: any) => expect(b.Response.Error).toMatchObject({ Code: 'InvalidParameter', Message: expect.stringContaining('stopped after 10 bytes of the 1000') })], // eslint-disable-line @typescript-eslint/no-explicit-any
    ['flash', () => `POST ${flashPath} HTTP/1.1\r\nHost: 127.0.0.1\r\n${signature}`, 'HTTP/1.1 200 OK', (b: any) => expect(b).toMatchObject({ code: 4008, message: expect.stringContaining('10 of the 1000 bytes arrived') })], // eslint-disable-line @typescript-eslint/no-explicit-any
  ] as const)('%s: Content-Length 1000, 10 bytes sent → answered after the idle time, connection closed', async (_name, head, status, check) => {
    const r = await upload(em.port, head(), 1000, 10);
    expect(r.status).toBe(status);
    check(JSON.parse(r.body));
    expect(r.answeredAfterMs).toBeGreaterThanOrEqual(idle * 1000 - 50);
    expect(r.answeredAfterMs).toBeLessThan(idle * 1000 + 5000);
  }, 30_000);
});

