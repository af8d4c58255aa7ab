// No input crashes the emulator or leaves a connection unanswered, and every answer is the
// Tencent envelope. Bounded: a fixed number of generated requests with a fixed seed.
import { request } from 'node:http';
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callTc3 } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

interface Raw {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body: Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: em.port, method, path, headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.end(body);
  });
}

function rawSocket(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(em.port, '127.0.0.1', () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
  });
}

function expectEnvelope(text: string): { Error?: { Code: string } } {
  const json = JSON.parse(text) as { Response: { RequestId: string; Error?: { Code: string; Message: string } } };
  expect(json.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  if (json.Response.Error) {
    expect(json.Response.Error.Code).toMatch(/^[A-Za-z.]+$/);
    expect(typeof json.Response.Error.Message).toBe('string');
  }
  return json.Response;
}

const deepJson = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const header = fc.stringMatching(/^[\x20-\x7e]{0,64}$/);
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
  fc.json({ maxDepth: 6 }).map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 200_000 }).map((d) => Buffer.from(`{"Deep":${deepJson(d)}}`)),
  fc.string({ unit: 'binary', maxLength: 500 }).map((s) => Buffer.from(s)),
  fc.constantFrom(Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('{"TaskId": 1e400}'), Buffer.from('{"__proto__": {"x": 1}}')),
);
const requests = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
  path: fc.constantFrom('/', '/?Action=CreateRecTask&Signature=x', '/x', '/?a.0.b=1&a.b=2', '//', '/%ff'),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', ''),
  action: fc.oneof(fc.constantFrom('CreateRecTask', 'GetAsrVocab', 'VoicePrintDelete', ''), header),
  version: fc.oneof(fc.constant('2019-06-14'), header),
  timestamp: fc.oneof(fc.constant(String(Math.floor(Date.now() / 1000))), header),
  authorization: fc.oneof(header, fc.constant('TC3-HMAC-SHA256 Credential=AKIDLOCALEMULATOR00000000000000000000/2026-01-01/asr/tc3_request, SignedHeaders=content-type;host, Signature=' + '0'.repeat(64))),
  body: bodies,
});

describe('emulator robustness', () => {
  test('generated requests always get the envelope, and the server stays up', async () => {
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const headers: Record<string, string> = { 'X-TC-Action': r.action, 'X-TC-Version': r.version, 'X-TC-Timestamp': r.timestamp, Authorization: r.authorization };
        if (r.contentType) headers['Content-Type'] = r.contentType;
        const res = await send(r.method, r.path, headers, r.body);
        expect([200, 404]).toContain(res.status);
        expectEnvelope(res.body);
      }),
      { numRuns: 250, seed: 424242, interruptAfterTimeLimit: 60_000 },
    );
  });

  test('valid signatures over hostile parameter values still get the envelope', async () => {
    const values = fc.oneof(fc.anything({ maxDepth: 4 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.double(), fc.bigInt().map(String));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...em.model.actions.map((a) => a.name)), fc.dictionary(fc.constantFrom('Data', 'TaskId', 'Name', 'WordWeights', 'VocabId', 'SourceType', 'Offset', 'Limit', 'GroupId', 'x'), values), async (action, params) => {
        const r = await callTc3(em.url, action, JSON.parse(JSON.stringify(params) ?? '{}'));
        expect(r.status).toBe(200);
        expectEnvelope(JSON.stringify(r.json));
      }),
      { numRuns: 250, seed: 777, interruptAfterTimeLimit: 60_000 },
    );
  });

  test('bytes that are not HTTP, and oversized headers, are answered with the envelope', async () => {
    const garbage = await rawSocket(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x01, 0x00, 0x00, 0x00]));
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expectEnvelope(garbage.split('\r\n\r\n')[1]!);
    const huge = await rawSocket(Buffer.from(`POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`));
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(expectEnvelope(huge.split('\r\n\r\n')[1]!).Error?.Code).toBe('RequestSizeLimitExceeded');
  });

  test('concurrent clients each get their own answer', async () => {
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => callTc3(em.url, 'CreateAsrKeyWordLib', { Name: `concurrent_${i}`, KeyWordFile: Buffer.from(`w${i}`).toString('base64') })),
    );
    const errors = results.filter((r) => r.json.Response.Error).map((r) => r.json.Response.Error!.Code);
    // The cap is 30 libraries: exactly 30 succeed, the rest hit the limit, none crash.
    expect(results.length - errors.length).toBe(30);
    expect(new Set(errors)).toEqual(new Set(['LimitExceeded']));
  });

  test('afterwards the emulator still answers a normal request, and logged no internal error', async () => {
    expect((await callTc3(em.url, 'DescribeAsyncRecognitionTasks', {})).json.Response.Error).toBeUndefined();
    expect(em.logs).toEqual([]);
  });
});
