// Authentication and routing, in the real service's codes: a table of signed-but-tweaked requests
// (fixtures/emulator/auth-cases.yaml), then the forms the official SDK sends and the switches.
// What a refusal explains (--debug-auth, --lenient-auth's log) is in auth-explain.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callTc3, callV1, type Tc3Tweaks } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { FIXTURES } from '../helpers/spec-fixtures.js';

const cases = parse(readFileSync(join(FIXTURES, 'emulator/auth-cases.yaml'), 'utf8')) as { title: string; tweak?: Tc3Tweaks; expect: string }[];
const ACTION = 'DescribeAsyncRecognitionTasks';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let em: TestEmulator;
// The table's cases sit one second either side of the signature window, so its emulator and its
// signer share one instant: a second passing between signing and checking cannot move a case.
const SIGNED_AT = Date.now();
let frozen: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator();
  frozen = await startTestEmulator({ now: () => SIGNED_AT });
});
afterAll(async () => {
  await em.close();
  await frozen.close();
});

describe('emulator authentication', () => {
  test.each(cases.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const r = await callTc3(frozen.url, ACTION, {}, { now: SIGNED_AT, ...c.tweak });
    expect(r.status).toBe(200);
    expect(r.json.Response.RequestId).toMatch(UUID);
    if (c.expect === 'success') expect(r.json.Response.Error).toBeUndefined();
    else expect(r.json.Response.Error?.Code).toBe(c.expect);
  });

  test('every answer carries a fresh RequestId', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await callTc3(em.url, ACTION, {}, { secretKey: 'wrong' })).json.Response.RequestId);
    expect(ids.size).toBe(5);
  });

  test.each([
    ['HmacSHA1', 'POST'],
    ['HmacSHA256', 'POST'],
    ['HmacSHA1', 'GET'],
    ['HmacSHA256', 'GET'],
  ] as const)('legacy signature %s over %s, with arrays flattened as Name.0.Field', async (signMethod, method) => {
    const ok = await callV1(em.url, 'CreateAsrVocab', { Name: `v1-${signMethod}-${method}`, WordWeights: [{ Word: '腾讯', Weight: 10 }] }, { signMethod, method });
    expect(ok.json.Response.Error).toBeUndefined();
    const read = await callTc3(em.url, 'GetAsrVocab', { VocabId: ok.json.Response.VocabId });
    expect(read.json.Response.WordWeights).toEqual([{ Word: '腾讯', Weight: 10 }]);
    await callTc3(em.url, 'DeleteAsrVocab', { VocabId: ok.json.Response.VocabId });
    const bad = await callV1(em.url, 'CreateAsrVocab', { Name: 'x' }, { signMethod, method, secretKey: 'wrong' });
    expect(bad.json.Response.Error?.Code).toBe('AuthFailure.SignatureFailure');
  });

  test('legacy signature: an unknown SignatureMethod is refused', async () => {
    const r = await callV1(em.url, ACTION, {}, { extra: { SignatureMethod: 'MD5' } });
    expect(r.json.Response.Error).toMatchObject({ Code: 'InvalidParameterValue', Message: expect.stringContaining('SignatureMethod') });
  });

  test('methods other than GET and POST → UnsupportedProtocol', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${em.url}/`, { method });
      expect(((await res.json()) as { Response: { Error: { Code: string } } }).Response.Error.Code).toBe('UnsupportedProtocol');
    }
  });

  test('a body over 10 MB → RequestSizeLimitExceeded', async () => {
    const r = await callTc3(em.url, ACTION, `{"Pad":"${'x'.repeat(10 * 1024 * 1024)}"}`);
    expect(r.json.Response.Error?.Code).toBe('RequestSizeLimitExceeded');
  });

  test('messages follow X-TC-Language', async () => {
    const en = await callTc3(em.url, ACTION, {}, { secretKey: 'wrong', language: 'en-US' });
    const zh = await callTc3(em.url, ACTION, {}, { secretKey: 'wrong', language: 'zh-CN' });
    expect(en.json.Response.Error?.Message).toMatch(/signature/i);
    expect(zh.json.Response.Error?.Message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.json.Response.Error?.Message).not.toBe(zh.json.Response.Error?.Message);
  });
});

describe('emulator authentication switches', () => {
  test('TENCENTCLOUD_TOKEN makes X-TC-Token mandatory and exact', async () => {
    const e = await startTestEmulator({}, { TENCENTCLOUD_TOKEN: 'sts-123' });
    try {
      expect((await callTc3(e.url, ACTION, {}, { token: 'sts-123' })).json.Response.Error).toBeUndefined();
      expect((await callTc3(e.url, ACTION, {})).json.Response.Error?.Code).toBe('AuthFailure.TokenFailure');
      expect((await callTc3(e.url, ACTION, {}, { token: 'sts-999' })).json.Response.Error?.Code).toBe('AuthFailure.TokenFailure');
    } finally {
      await e.close();
    }
  });

  describe('with real-looking TENCENTCLOUD_SECRET_ID / _KEY set', () => {
    const env = { TENCENTCLOUD_SECRET_ID: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE', TENCENTCLOUD_SECRET_KEY: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLEkey' };
    test.each([
      ['the local environment pair', {}, undefined],
      ['the TENCENTCLOUD_* pair', { secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY }, undefined],
      ['the local SecretId with the other pair\'s key', { secretKey: env.TENCENTCLOUD_SECRET_KEY }, 'AuthFailure.SignatureFailure'],
      ['the TENCENTCLOUD_* SecretId with a wrong key', { secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: 'wrong' }, 'AuthFailure.SignatureFailure'],
      ['an unknown SecretId', { secretId: 'AKIDother' }, 'AuthFailure.SecretIdNotFound'],
    ])('%s → %s', async (_name, creds, code) => {
      const e = await startTestEmulator({}, env);
      try {
        expect((await callTc3(e.url, ACTION, {}, creds)).json.Response.Error?.Code).toBe(code);
      } finally {
        await e.close();
      }
    });
  });
});
