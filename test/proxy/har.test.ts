// The proxy's recording and `asr-contract verify`: a HAR 1.2 file (checked against the HAR schema)
// with no key, no signature, no token and only masked SecretIds; verify gives the same verdicts as
// the live proxy did, exits 1 when there were violations and 0 when there were none, counts what is
// not ASR traffic, and refuses what is not a HAR file in one line.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { checkContext, readDocuments } from '../../src/proxy/context.js';
import { failedChecks, type Exchange } from '../../src/proxy/exchange.js';
import { maskSecretId } from '../../src/proxy/redact.js';
import { ExchangeSession } from '../../src/proxy/session.js';
import { verifyEntries } from '../../src/proxy/verify-har.js';
import { signedChannelUrl, signedEndpointRequest } from '../../src/signing/surface-urls.js';
import { callTc3, LOCAL } from '../helpers/api3-client.js';
import { pcmTone } from '../helpers/audio.js';
import { runCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startMutatingProxy } from '../helpers/mutating-proxy.js';
import { until } from '../helpers/processes.js';
import { startTestProxy, type TestProxy } from '../helpers/proxy.js';
import { SDK_LIFECYCLES, sdkClient } from '../helpers/sdk-lifecycle.js';

const require = createRequire(import.meta.url);
const ENV = { TENCENTCLOUD_SECRET_ID: 'AKIDteamPAIRfor0proxy0tests0000007x3q', TENCENTCLOUD_SECRET_KEY: 'team-secret-key-never-written-anywhere', TENCENTCLOUD_TOKEN: 'temporary-session-token-never-written' };

/** Per exchange: where, and which checks failed at which pointers. */
const verdicts = (xs: readonly Exchange[]) => xs.map((x) => ({ surface: x.surface, action: x.action, requestId: x.requestId, failed: failedChecks(x).map((c) => `${c.name} @ ${c.findings.map((f) => f.pointer).join(',')}`) }));

async function verifyOffline(harPath: string, env: NodeJS.ProcessEnv): Promise<Exchange[]> {
  const model = (await import('../helpers/emulator.js')).projectModel();
  const session = new ExchangeSession('verify', [], () => {});
  const entries = (JSON.parse(readFileSync(harPath, 'utf8')) as { log: { entries: unknown[] } }).log.entries;
  await verifyEntries(entries, checkContext(model, readDocuments(PACKAGE_ROOT), env), session);
  return session.exchanges;
}

function harSchemaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  const schemas = require('har-schema') as Record<string, object>;
  for (const s of Object.values(schemas)) ajv.addSchema(s);
  return ajv.getSchema('har.json#')!;
}

/** Everything a recording must never hold, and what its masked SecretIds look like. */
function expectNoSecrets(text: string, pairs: { secretId: string; secretKey: string }[], token?: string): void {
  for (const p of pairs) {
    expect(text).not.toContain(p.secretKey);
    expect(text).not.toContain(p.secretId);
  }
  if (token) expect(text).not.toContain(token);
  expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
  // URL and legacy signatures: only ever the removed marker.
  for (const m of text.matchAll(/[?&](signature|Signature)=([^&"\s]*)/g)) expect(m[2]).toBe('%3Cremoved%3E');
  expect(text).toContain(maskSecretId(pairs[0]!.secretId));
}

let em: TestEmulator;
afterAll(() => em?.close());

describe('a clean run, recorded', () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    em = await startTestEmulator({ wsSilenceMs: 1000 });
    proxy = await startTestProxy({ upstream: em.url });
    const called = new Set<string>();
    for (const [, run] of SDK_LIFECYCLES.slice(0, 3)) await run(sdkClient(em.model, `127.0.0.1:${proxy.port}`, called), (ms) => em.advance(ms));
    // A negative case answered as the contract says, the legacy signature, flash, and a WebSocket session.
    await callTc3(proxy.url, 'DescribeTaskStatus', {});
    await sdkClient(em.model, `127.0.0.1:${proxy.port}`, called, { signMethod: 'HmacSHA1' }).GetAsrVocabList!({ Offset: 0, Limit: 5 });
    const endpoint = em.model.endpoints[0]!;
    const local = em.model.service.local;
    const signed = signedEndpointRequest(endpoint, { base: proxy.url, appId: local.appId, secretId: local.secretId, secretKey: local.secretKey, params: { engine_type: '16k_zh', voice_format: 'wav' }, now: Math.floor(Date.now() / 1000) });
    await (await fetch(signed.url, { method: 'POST', headers: { ...signed.headers, 'Content-Type': 'application/octet-stream' }, body: readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio)) })).text();
    const channel = em.model.channels.find((c) => c.name === 'realtime')!;
    const wsUrl = signedChannelUrl(channel, { base: proxy.url.replace('http', 'ws'), appId: local.appId, secretId: local.secretId, secretKey: local.secretKey, params: { engine_model_type: '16k_zh', voice_id: 'har-session' }, now: Math.floor(Date.now() / 1000) }).url;
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      ws.on('open', () => {
        ws.send(pcmTone({ ms: 400 }));
        ws.send(JSON.stringify({ type: 'end' }));
      });
      ws.on('close', () => resolve());
      ws.on('error', reject);
    });
    await until(() => proxy.session.exchanges.some((x) => x.surface === 'realtime'), 'the WebSocket session to be recorded');
    await proxy.stop();
  });

  test('the recording is HAR 1.2, with every exchange and no secret', () => {
    const text = readFileSync(proxy.harPath, 'utf8');
    const har = JSON.parse(text) as { log: { version: string; entries: unknown[] } };
    const validate = harSchemaValidator();
    expect(validate(har), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.length).toBe(proxy.session.exchanges.length);
    expectNoSecrets(text, [LOCAL]);
  });

  test('verify gives the live verdicts, and exits 0', async () => {
    expect(proxy.session.violations).toBe(0);
    expect(verdicts(await verifyOffline(proxy.harPath, {}))).toEqual(verdicts(proxy.session.exchanges));
    const r = await runCli(['verify', proxy.harPath]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^${proxy.session.exchanges.length} exchanges checked, 0 with violations \\(0 violations\\); 0 of ${proxy.session.exchanges.length} entries are not ASR traffic and were skipped$`, 'm'));
    expect(r.code).toBe(0);
  });
});

describe('a run with violations, recorded with a team pair and a token', () => {
  let proxy: TestProxy;
  let mutating: Awaited<ReturnType<typeof startMutatingProxy>>;
  let teamEm: TestEmulator;
  const team = { secretId: ENV.TENCENTCLOUD_SECRET_ID, secretKey: ENV.TENCENTCLOUD_SECRET_KEY };
  beforeAll(async () => {
    teamEm = await startTestEmulator({}, ENV);
    mutating = await startMutatingProxy(teamEm.url, teamEm.model, 'change-field-type');
    proxy = await startTestProxy({ upstream: mutating.url }, ENV);
    const as = { ...team, token: ENV.TENCENTCLOUD_TOKEN };
    await callTc3(proxy.url, 'CreateAsrVocab', { Name: 'har', WordWeights: [{ Word: '识别', Weight: 3 }] }, as);
    await callTc3(proxy.url, 'GetAsrVocabList', { Offset: 0, Limit: 5 }, as);
    await callTc3(proxy.url, 'GetAsrVocabList', { Offset: 0, Limit: 5 }, { ...as, secretKey: 'a-wrong-key' });
    await callTc3(proxy.url, 'GetAsrVocabList', { Offset: 0, Limit: 5 }, { ...as, timestampOffset: -3600 });
    await callTc3(proxy.url, 'GetAsrVocabList', { Offset: 0, Limit: 5 }, LOCAL);
    await proxy.stop();
  });
  afterAll(async () => {
    await mutating.close();
    await teamEm.close();
  });

  test('the recording holds no key, no signature, no token and no unmasked SecretId', () => {
    const text = readFileSync(proxy.harPath, 'utf8');
    expectNoSecrets(text, [team, LOCAL], ENV.TENCENTCLOUD_TOKEN);
    expect(text).toContain('"x-tc-token","value":"<removed>"');
  });

  test('verify gives the live verdicts (with the signature verdicts the proxy recorded), and exits 1', async () => {
    expect(proxy.session.violations).toBeGreaterThan(3);
    const live = verdicts(proxy.session.exchanges);
    // The wrong key and the stale timestamp; the local pair is accepted too, and forwarded with the team pair.
    expect(live.filter((v) => v.failed.some((f) => f.startsWith("the client's signature is valid"))).length).toBe(2);
    expect(verdicts(await verifyOffline(proxy.harPath, {}))).toEqual(live);
    const r = await runCli(['verify', proxy.harPath]);
    expect(r.code).toBe(1);
    // The same lines the live proxy printed.
    expect(r.stdout.split('\n').slice(0, proxy.lines.length)).toEqual(proxy.lines);
    expect(r.stdout).not.toContain(team.secretId);
  });

  test('entries that are not ASR traffic are counted and skipped', async () => {
    const har = JSON.parse(readFileSync(proxy.harPath, 'utf8')) as { log: { entries: Record<string, unknown>[] } };
    const page = { ...har.log.entries[0]!, request: { ...(har.log.entries[0]!.request as object), url: 'https://example.com/index.html', headers: [] } };
    const cvm = { ...har.log.entries[0]!, request: { ...(har.log.entries[0]!.request as object), url: 'https://cvm.tencentcloudapi.com/' } };
    const path = join(proxy.dir, 'mixed.har');
    writeFileSync(path, JSON.stringify({ log: { ...har.log, entries: [page, ...har.log.entries, cvm] } }));
    const r = await runCli(['verify', path]);
    expect(r.stdout).toContain(`2 of ${har.log.entries.length + 2} entries are not ASR traffic and were skipped (1 not an ASR path, 1 another service (cvm.tencentcloudapi.com))`);
    expect(r.code).toBe(1);
  });
});

describe('verify refuses what is not a HAR file', () => {
  test.each([
    ['not JSON', '{"log": {"entries": [', /^asr-contract verify: bad\.har is not JSON \(it stops making sense at line 1\)/],
    ['JSON without log', '[1, 2]', /^asr-contract verify: bad\.har is JSON but not a HAR file: it has no "log" object$/],
    ['a log without entries', '{"log": {"version": "1.2"}}', /^asr-contract verify: bad\.har is not a HAR file: its "log" has no "entries" list$/],
  ])('%s: one line, exit 2', async (_name, text, line) => {
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'asr-verify-'));
    writeFileSync(join(dir, 'bad.har'), text);
    const r = await runCli(['verify', 'bad.har'], {}, dir);
    expect(r.stderr).toMatch(line);
    expect(r.stderr.split('\n').length).toBe(1);
    expect(r.code).toBe(2);
  });

  test('a file over the size limit: one line, exit 2, nothing read', async () => {
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'asr-verify-'));
    writeFileSync(join(dir, 'huge.har'), '');
    truncateSync(join(dir, 'huge.har'), 600 * 1024 * 1024); // sparse: no disk is used
    const r = await runCli(['verify', 'huge.har'], {}, dir);
    expect(r.stderr).toBe('asr-contract verify: huge.har is 600 MB; verify reads HAR files up to 512 MB');
    expect(r.code).toBe(2);
  });
});
