// A client that signs wrongly (fixtures/emulator/explained-auth-cases.yaml, the emulator's own table
// of signing mistakes): it gets the answer the service gives, the upstream never sees the request,
// and the violation line says which input of the signature differs. A right one is forwarded
// re-signed, with exactly the body the client sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tc3Date } from '../../src/signing/tc3.js';
import { callTc3, LOCAL, type Tc3Tweaks } from '../helpers/api3-client.js';
import { startCaptureServer } from '../helpers/capture-server.js';
import { startTestProxy, type TestProxy } from '../helpers/proxy.js';
import { FIXTURES } from '../helpers/spec-fixtures.js';

interface Case {
  title: string;
  params?: string;
  tweak: Tc3Tweaks;
  code: string;
  differs: string[];
  says?: string;
}

const cases = parse(readFileSync(join(FIXTURES, 'emulator/explained-auth-cases.yaml'), 'utf8')) as Case[];
const ACTION = 'DescribeAsyncRecognitionTasks';
const now = Date.now();
const withDate = (t: Tc3Tweaks): Tc3Tweaks => ({ ...t, now, ...(t.authorization ? { authorization: t.authorization.replace('{date}', tc3Date(Math.floor(now / 1000))) } : {}) });

let upstream: Awaited<ReturnType<typeof startCaptureServer>>;
let proxy: TestProxy;
beforeAll(async () => {
  upstream = await startCaptureServer();
  proxy = await startTestProxy({ upstream: upstream.url });
});
afterAll(async () => {
  await proxy.stop();
  await upstream.close();
});

describe('a client whose signature is wrong', () => {
  test.each(cases.map((c) => [c.title, c] as const))('%s · answered by the proxy as the service would, never forwarded, explained', async (_t, c) => {
    const linesBefore = proxy.lines.length;
    const r = await callTc3(proxy.url, ACTION, c.params ?? {}, withDate(c.tweak));
    expect(r.json.Response.Error?.Code).toBe(c.code);
    expect(r.json.Response.RequestId).toEqual(expect.any(String));
    expect(upstream.requests).toEqual([]);
    const line = proxy.lines.slice(linesBefore).join('\n');
    expect(line).toMatch(new RegExp(`^\\S+Z ${ACTION} \\S+ /request/headers/authorization ${c.code.replace('.', '\\.')}: `));
    for (const part of c.differs.filter((p) => p !== 'signature' || c.differs.length === 1)) expect(line).toContain(`${part}: `);
    if (c.says) expect(line).toContain(c.says);
    expect(line).not.toContain(LOCAL.secretKey);
    expect(line).not.toContain(LOCAL.secretId);
  });

  test('an hour-old timestamp: SignatureExpire, pointing at X-TC-Timestamp', async () => {
    const r = await callTc3(proxy.url, ACTION, {}, { timestampOffset: -3600 });
    expect(r.json.Response.Error?.Code).toBe('AuthFailure.SignatureExpire');
    expect(upstream.requests).toEqual([]);
    expect(proxy.lines.at(-1)).toMatch(/ \/request\/headers\/x-tc-timestamp AuthFailure\.SignatureExpire: .*36\d\d s behind/);
  });
});

describe('a client whose signature is right', () => {
  test('is forwarded with the exact body, re-signed for the upstream with the proxy\'s own pair', async () => {
    const body = '{ "Offset" :0,\n "Limit": 10 }';
    await callTc3(proxy.url, 'GetAsrVocabList', body, { now: Date.now() });
    expect(upstream.requests.length).toBe(1);
    const got = upstream.requests[0]!;
    expect(got.body.toString('utf8')).toBe(body);
    expect(got.headers['x-tc-action']).toBe('GetAsrVocabList');
    expect(got.headers.host).toBe(new URL(upstream.url).host);
    expect(got.headers.authorization).toMatch(new RegExp(`^TC3-HMAC-SHA256 Credential=${LOCAL.secretId}/\\d{4}-\\d{2}-\\d{2}/asr/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`));
    expect(proxy.lines.join('\n')).not.toContain(LOCAL.secretId);
  });
});
