// asr-contract sign: the headers and the curl command it prints are accepted by the emulator, its
// steps agree with the official SDK's signer, and --authorization names the input a header got wrong.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { signApi3Request } from '../../src/signing/api3-request.js';
import { runCli } from '../helpers/cli.js';
import { projectModel, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { clientHeader, type SignedWith } from '../helpers/tc3-client-header.js';

const require = createRequire(import.meta.url);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default as { sign3(o: Record<string, unknown>): string };

const hasCurl = (() => {
  try {
    execFileSync('curl', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const NO_CURL = 'skipped: curl is not installed (apt-get install curl)';
if (!hasCurl && process.env.ASR_REQUIRE_CURL) throw new Error(`ASR_REQUIRE_CURL is set but ${NO_CURL}`);
if (!hasCurl) console.warn(`[sign curl test] ${NO_CURL}`);

const KEYS = { TENCENTCLOUD_SECRET_ID: 'AKIDsignCli000000000000000000000000000', TENCENTCLOUD_SECRET_KEY: 'sign-cli-key' };
const NO_KEYS = { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '', TENCENTCLOUD_TOKEN: '' };
const SENTENCE = JSON.stringify(projectModel().actions.find((a) => a.name === 'SentenceRecognition')!.examples[0]!.request);

let local: TestEmulator;
let keyed: TestEmulator;
beforeAll(async () => {
  [local, keyed] = await Promise.all([startTestEmulator(), startTestEmulator({}, { ...KEYS, TENCENTCLOUD_TOKEN: 'sts-sign-token' })]);
});
afterAll(() => Promise.all([local.close(), keyed.close()]));

/** Runs a shell command line as a user would, with bin/asr-contract.js on the PATH as asr-contract. */
function shell(line: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = mkdtempSync(join(tmpdir(), 'asr-sign-bin-'));
  writeFileSync(join(bin, 'asr-contract'), `#!/bin/sh\nexec "${process.execPath}" "${join(PACKAGE_ROOT, 'bin/asr-contract.js')}" "$@"\n`, { mode: 0o755 });
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', line], { cwd: PACKAGE_ROOT, env: { ...process.env, ...NO_KEYS, ...env, PATH: `${bin}:${process.env.PATH}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!hasCurl)(`asr-contract sign · the printed curl command ${hasCurl ? '' : NO_CURL}`, () => {
  test.each([
    ['the local test pair, the body inline', 'local', 'eval "$(asr-contract sign SentenceRecognition --data "$DATA" --base-url "$URL" --curl)"', {}],
    ['TENCENTCLOUD_* with a token, the body from a file', 'keyed', 'printf %s "$DATA" > "$TMP/body.json" && eval "$(asr-contract sign SentenceRecognition --data @"$TMP/body.json" --base-url "$URL" --curl)"', { ...KEYS, TENCENTCLOUD_TOKEN: 'sts-sign-token' }],
    ['the headers piped into curl -H @-', 'local', 'asr-contract sign SentenceRecognition --data "$DATA" --base-url "$URL" | curl -sS -H @- --data-raw "$DATA" "$URL/"', {}],
  ] as const)('%s: SentenceRecognition succeeds against the emulator', async (_t, which, line, env) => {
    const em = which === 'local' ? local : keyed;
    const r = await shell(line, { DATA: SENTENCE, URL: em.url, TMP: mkdtempSync(join(tmpdir(), 'asr-sign-')), ...env });
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as { Response: { Error?: unknown; Result?: string } };
    expect(body.Response.Error).toBeUndefined();
    expect(body.Response.Result).toEqual(expect.any(String));
  });

  test('the token never appears in the printed command, only a reference to TENCENTCLOUD_TOKEN', async () => {
    const r = await runCli(['sign', 'SentenceRecognition', '--data', SENTENCE, '--base-url', keyed.url, '--curl'], { ...KEYS, TENCENTCLOUD_TOKEN: 'sts-sign-token' });
    expect(r.stdout).toContain('-H "X-TC-Token: ${TENCENTCLOUD_TOKEN}"');
    expect(r.stdout).not.toContain('sts-sign-token');
    expect(r.stdout).not.toContain(KEYS.TENCENTCLOUD_SECRET_KEY);
  });
});

describe('asr-contract sign · the headers', () => {
  // Every action with its spec example: whatever the answer, it is past authentication and routing.
  const accepted = async (headers: Record<string, string>, data: string): Promise<void> => {
    const res = (await (await fetch(`${local.url}/`, { method: 'POST', headers, body: data })).json()) as { Response: { Error?: { Code: string } } };
    expect(res.Response.Error?.Code ?? 'none').not.toMatch(/^(AuthFailure|MissingParameter|InvalidAction|NoSuchVersion|UnknownParameter|InvalidParameter$)/);
  };
  const example = (name: string): string => JSON.stringify(projectModel().actions.find((a) => a.name === name)!.examples[0]!.request);

  test.each(['CreateRecTask', 'DescribeTaskStatus', 'GetUsageByDate'])('%s: the printed headers are accepted', async (name) => {
    const r = await runCli(['sign', name, '--data', example(name), '--base-url', local.url], NO_KEYS);
    expect(r.code).toBe(0);
    await accepted(Object.fromEntries(r.stdout.split('\n').map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)])), example(name));
  });

  // The command prints signApi3Request's headers as they are; every action goes through it here,
  // in-process, because compiling the specs once per command would cost seconds per action.
  test('every action: the headers signApi3Request builds are accepted', async () => {
    const l = projectModel().service.local;
    for (const a of projectModel().actions) {
      const data = example(a.name);
      const signed = signApi3Request(projectModel(), { baseUrl: local.url, action: a.name, body: data, timestamp: Math.floor(Date.now() / 1000), secretId: l.secretId, secretKey: l.secretKey, region: 'ap-guangzhou' });
      await accepted(Object.fromEntries(signed.headers), data);
    }
  });

  test('--explain shows each step, and its signature is the official SDK signer\'s', async () => {
    const r = await runCli(['sign', 'SentenceRecognition', '--data', SENTENCE, '--timestamp', '1700000000', '--explain'], KEYS);
    expect(r.code).toBe(0);
    const sdk = Sign.sign3({ method: 'POST', url: 'https://asr.tencentcloudapi.com/', payload: Buffer.from(SENTENCE), timestamp: 1700000000, service: 'asr', secretId: KEYS.TENCENTCLOUD_SECRET_ID, secretKey: KEYS.TENCENTCLOUD_SECRET_KEY, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(r.stdout).toContain(`6. Authorization header\n   ${sdk}\n`);
    for (const step of ['1. Canonical request', 'HashedRequestPayload', '2. Hash of the canonical request', '3. String to sign', '\nTC3-HMAC-SHA256\n1700000000\n2023-11-14/asr/tc3_request\n', '4. Derived keys', 'SecretDate    = HMAC-SHA256("TC3" + SecretKey, "2023-11-14")', '5. Signature', `Authorization: ${sdk}`]) expect(r.stdout).toContain(step);
    expect(r.stdout).not.toContain(KEYS.TENCENTCLOUD_SECRET_KEY);
  });
});

describe('asr-contract sign --authorization · which input differs', () => {
  const body = SENTENCE;
  const sent = { headers: { 'content-type': 'application/json; charset=utf-8', host: 'asr.tencentcloudapi.com' }, body, timestamp: 1700000000, secretId: KEYS.TENCENTCLOUD_SECRET_ID, secretKey: KEYS.TENCENTCLOUD_SECRET_KEY };
  test.each([
    ['the right header', {}, 0, [], 'The header is right'],
    ['a header signed with the wrong date', { date: '2023-11-15' }, 1, ['date', 'signature'], 'Only the date differs'],
    ['a header signed with the wrong service', { service: 'cvm' }, 1, ['service', 'signature'], 'Only the service differs'],
    ['a header that hashed an empty body', { body: '' }, 1, ['body hash', 'signature'], 'Only the body hash differs'],
    ['a header without content-type in SignedHeaders', { signedHeaders: ['host'] }, 1, ['signed headers', 'signature'], 'Only the signed headers differs'],
    ['a header signed with another key', { secretKey: 'another' }, 1, ['signature'], 'the SecretKey differs'],
  ] as [string, SignedWith, number, string[], string][])('%s', async (_t, signedWith, code, differs, says) => {
    const r = await runCli(['sign', 'SentenceRecognition', '--data', body, '--timestamp', '1700000000', '--authorization', clientHeader(sent, signedWith)], KEYS);
    expect(r.code).toBe(code);
    expect([...r.stdout.matchAll(/^ {3}([a-zA-Z -]+?) +differs /gm)].map((m) => m[1])).toEqual(differs);
    expect(r.stdout).toContain(says);
  });
});

describe('asr-contract sign · bad input', () => {
  test.each([
    [['sign'], {}, /name one action/],
    [['sign', 'SentenceRecogniton', '--data', '{}'], {}, /unknown action "SentenceRecogniton"; did you mean SentenceRecognition\?/],
    [['sign', 'SentenceRecognition'], {}, /give the request body with --data/],
    [['sign', 'SentenceRecognition', '--data', '{"a":'], {}, /--data is not JSON/],
    [['sign', 'SentenceRecognition', '--data', '[1]'], {}, /--data must be a JSON object/],
    [['sign', 'SentenceRecognition', '--data', '@no/such/file.json'], {}, /--data @no\/such\/file\.json: cannot read no\/such\/file\.json \(ENOENT\)/],
    [['sign', 'SentenceRecognition', '--data', '{}', '--base-url', 'http://127.0.0.1:8080/v1'], {}, /--base-url is a server root like https:\/\/asr\.tencentcloudapi\.com, without a path/],
    [['sign', 'SentenceRecognition', '--data', '{}', '--base-url', 'https://asr.tencentcloudapi.com'], {}, /set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to sign for https:\/\/asr\.tencentcloudapi\.com/],
    [['sign', 'SentenceRecognition', '--data', '{}'], { TENCENTCLOUD_SECRET_ID: 'AKIDonly' }, /set both TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY/],
    [['sign', 'SentenceRecognition', '--data', '{}', '--authorization', 'TC3-HMAC-SHA256 …'], {}, /--authorization needs --timestamp/],
    [['sign', 'SentenceRecognition', '--data', '{}', '--timestamp', 'soon'], {}, /--timestamp must be a Unix time in seconds, got "soon"/],
  ] as [string[], Record<string, string>, RegExp][])('%j is a usage error', async (args, env, message) => {
    const r = await runCli(args, { ...NO_KEYS, ...env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  test('a body the service would refuse is signed, with a warning naming the code', async () => {
    const r = await runCli(['sign', 'SentenceRecognition', '--data', '{"SourceType":0}'], NO_KEYS);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: SentenceRecognition would be answered MissingParameter \(\w+\); signed as given/);
    expect(r.stdout).toMatch(/^Authorization: TC3-HMAC-SHA256 Credential=AKIDLOCALEMULATOR/);
  });
});
