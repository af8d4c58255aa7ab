// What the emulator says about a refused signature (fixtures/emulator/explained-auth-cases.yaml):
// a one-line reason by default, the whole diagnosis with --debug-auth, for InvalidAuthorization and
// SignatureFailure alike; and what --lenient-auth lets through and logs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signTc3, tc3Date } from '../../src/signing/tc3.js';
import { callTc3, LOCAL, type Tc3Tweaks } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { FIXTURES } from '../helpers/spec-fixtures.js';

interface Case {
  title: string;
  params?: string;
  tweak: Tc3Tweaks;
  code: string;
  reason?: string;
  differs: string[];
  says?: string;
}

const cases = parse(readFileSync(join(FIXTURES, 'emulator/explained-auth-cases.yaml'), 'utf8')) as Case[];
const ACTION = 'DescribeAsyncRecognitionTasks';
const now = Date.now();
const withDate = (t: Tc3Tweaks): Tc3Tweaks => ({ ...t, now, language: 'en-US', ...(t.authorization ? { authorization: t.authorization.replace('{date}', tc3Date(Math.floor(now / 1000))) } : {}) });
const call = (em: TestEmulator, c: Case) => callTc3(em.url, ACTION, c.params ?? {}, withDate(c.tweak));

let plain: TestEmulator;
let debug: TestEmulator;
beforeAll(async () => {
  [plain, debug] = await Promise.all([startTestEmulator(), startTestEmulator({ debugAuth: true })]);
});
afterAll(() => Promise.all([plain.close(), debug.close()]));

describe('why a signature is refused', () => {
  test.each(cases.map((c) => [c.title, c] as const))('%s · the refusal gives its reason', async (_t, c) => {
    const r = await call(plain, c);
    expect(r.json.Response.Error?.Code).toBe(c.code);
    const message = r.json.Response.Error!.Message;
    if (c.reason) expect(message).toContain(`(${c.reason}`);
    else expect(message).toContain('--debug-auth shows every signing step');
    expect(message).not.toContain('1. Canonical request');
  });

  test.each(cases.map((c) => [c.title, c] as const))('%s · --debug-auth names the input and shows the steps', async (_t, c) => {
    const r = await call(debug, c);
    expect(r.json.Response.Error?.Code).toBe(c.code);
    const message = r.json.Response.Error!.Message;
    expect([...message.matchAll(/^ {3}([a-zA-Z -]+?) +differs /gm)].map((m) => m[1])).toEqual(c.differs);
    if (c.says) expect(message).toContain(c.says);
    expect(message).toContain('1. Canonical request');
    expect(message).toMatch(/3\. String to sign[^\n]*\n-----\nTC3-HMAC-SHA256\n\d+\n\d{4}-\d{2}-\d{2}\/asr\/tc3_request\n[0-9a-f]{64}\n-----/);
    expect(message).toMatch(/SecretSigning = HMAC-SHA256\(SecretService, "tc3_request"\) +sha256 [0-9a-f]{64}/);
    expect(message).not.toContain(LOCAL.secretKey);
  });

  test('--debug-auth never shows the signature it expects', async () => {
    const timestamp = Math.floor(now / 1000);
    const right = signTc3({ method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', host: '127.0.0.1' }, body: '{}', timestamp, service: 'asr', ...LOCAL });
    const r = await callTc3(debug.url, ACTION, {}, { now, secretKey: 'wrong' });
    expect(r.json.Response.Error?.Code).toBe('AuthFailure.SignatureFailure');
    expect(r.json.Response.Error!.Message).toContain('(not shown by the emulator)');
    expect(r.json.Response.Error!.Message).not.toContain(right.signature);
    // The steps are the ones for this request: the same canonical request the signer builds.
    expect(r.json.Response.Error!.Message).toContain(`-----\n${right.canonicalRequest}\n-----`);
  });

  test('a timestamp outside the window says by how much', async () => {
    const r = await callTc3(plain.url, ACTION, {}, { timestampOffset: -400, language: 'en-US' });
    expect(r.json.Response.Error?.Code).toBe('AuthFailure.SignatureExpire');
    expect(r.json.Response.Error!.Message).toMatch(/\(Timestamp \d+ is 4\d\d s behind the emulator's clock; the limit is 300 s\)$/);
  });
});

describe('--lenient-auth', () => {
  let lenient: TestEmulator;
  beforeAll(async () => {
    lenient = await startTestEmulator({ lenientAuth: true });
  });
  afterAll(() => lenient.close());

  test.each([
    ['Signature=x', { authorization: 'TC3-HMAC-SHA256 Credential=AKIDLOCALEMULATOR00000000000000000000/2001-01-01/asr/tc3_request, SignedHeaders=host, Signature=x' }, 'AuthFailure.InvalidAuthorization'],
    ['a wrong credential date', { scopeDate: '2001-01-01' }, 'AuthFailure.InvalidAuthorization'],
    ['another service', { scopeService: 'cvm' }, 'AuthFailure.InvalidAuthorization'],
    ['the wrong secret key', { secretKey: 'wrong' }, 'AuthFailure.SignatureFailure'],
    ['a stale timestamp', { timestampOffset: -3600 }, 'AuthFailure.SignatureExpire'],
  ] as [string, Tc3Tweaks, string][])('lets %s through and logs what the service would answer', async (_t, tweak, wouldBe) => {
    lenient.logs.length = 0;
    const r = await callTc3(lenient.url, ACTION, {}, tweak);
    expect(r.json.Response.Error).toBeUndefined();
    expect(lenient.logs).toEqual([expect.stringMatching(new RegExp(`^--lenient-auth: accepted a request the service would refuse with ${wouldBe.replace('.', '\\.')}: .+`))]);
  });

  test.each([
    ['an unknown SecretId', { secretId: 'AKIDother' }, 'AuthFailure.SecretIdNotFound'],
    ['a header without Credential', { authorization: 'TC3-HMAC-SHA256 Signature=x' }, 'AuthFailure.InvalidAuthorization'],
    ['no Authorization', { authorization: null }, 'MissingParameter'],
  ] as [string, Tc3Tweaks, string][])('still refuses %s', async (_t, tweak, code) => {
    const r = await callTc3(lenient.url, ACTION, {}, tweak);
    expect(r.json.Response.Error?.Code).toBe(code);
  });

  test('a right signature is let through silently', async () => {
    lenient.logs.length = 0;
    expect((await callTc3(lenient.url, ACTION, {})).json.Response.Error).toBeUndefined();
    expect(lenient.logs).toEqual([]);
  });
});
