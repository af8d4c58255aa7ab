// The contract suite's own signing probes (SIGN_PROBES) through the proxy: exactly those are answered
// as the service answers them and recorded as expected refusals, on API 3.0, flash and the WebSocket;
// a clock an hour (or half, or a quarter-hour zone) off, a probe's staleness missed by more than the
// tolerance, and any other wrong key stay violations with their line. verify gives the same verdicts,
// over the proxy's recording and over a HAR that kept the signatures.
import { readFileSync } from 'node:fs';
import type { Entry } from 'har-format';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { SIGN_PROBE_TOLERANCE_SECONDS, SIGN_PROBES, type SignTweak } from '../../src/model/cases.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { PROBE_CHECK, SIGNATURE_CHECK } from '../../src/proxy/api3-exchange.js';
import { checkContext, readDocuments } from '../../src/proxy/context.js';
import { ExchangeSession } from '../../src/proxy/session.js';
import type { Exchange } from '../../src/proxy/exchange.js';
import { verifyEntries } from '../../src/proxy/verify-har.js';
import { signedChannelUrl, signedEndpointRequest } from '../../src/signing/surface-urls.js';
import { LOCAL, tc3Request } from '../helpers/api3-client.js';
import { startCaptureServer } from '../helpers/capture-server.js';
import { projectModel } from '../helpers/emulator.js';
import { startTestProxy, type TestProxy } from '../helpers/proxy.js';

const model = projectModel();
const ENV = { TENCENTCLOUD_SECRET_ID: 'AKIDteamPAIRfor0probe0tests0000007x3q', TENCENTCLOUD_SECRET_KEY: 'team-secret-key-for-the-probe-tests' };
const TEAM = { secretId: ENV.TENCENTCLOUD_SECRET_ID, secretKey: ENV.TENCENTCLOUD_SECRET_KEY };
const KEY = SIGN_PROBES['wrong-key'].keySuffix;
const STALE = SIGN_PROBES['stale-timestamp'].secondsBefore;
const NEAR = SIGN_PROBE_TOLERANCE_SECONDS - 5;
const FAR = SIGN_PROBE_TOLERANCE_SECONDS + 30;

type Surface = 'API 3.0' | 'flash' | 'realtime';
interface Row {
  surface: Surface;
  pair?: { secretId: string; secretKey: string };
  /** Appended to the pair's key. */
  suffix?: string;
  /** Replaces the pair's key. */
  key?: string;
  /** Seconds added to the clock for the timestamp. */
  offset?: number;
  /** The probe the proxy must recognise, or none: a violation. */
  probe?: SignTweak;
}

interface Built {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

const endpoint = model.endpoints[0]!;
const channel = model.channels.find((c) => c.name === 'realtime')!;
const local = model.service.local;
const authFailed = (codes: readonly { role?: string; code: number }[]): number => codes.find((c) => c.role === 'auth-failed')!.code;

function build(base: string, row: Row): Built {
  const pair = row.pair ?? LOCAL;
  const secretKey = row.key ?? pair.secretKey + (row.suffix ?? '');
  const now = Math.floor(Date.now() / 1000) + (row.offset ?? 0);
  if (row.surface === 'API 3.0') return tc3Request(base, 'GetAsrVocabList', { Offset: 0, Limit: 5 }, { ...pair, secretKey, timestampOffset: row.offset ?? 0 });
  const input = { appId: local.appId, secretId: pair.secretId, secretKey, now };
  if (row.surface === 'flash') {
    const s = signedEndpointRequest(endpoint, { ...input, base, params: { engine_type: '16k_zh', voice_format: 'wav' } });
    return { url: s.url, method: endpoint.method, headers: { ...s.headers, 'Content-Type': 'application/octet-stream' }, body: Buffer.from('RIFF') };
  }
  return { url: signedChannelUrl(channel, { ...input, base: base.replace('http', 'ws'), params: { engine_model_type: '16k_zh', voice_id: `v-${Date.now()}` } }).url, method: 'GET', headers: {} };
}

/** Sends the request; the code the answer carries (a TC3 error code, a flash or WebSocket status). */
async function send(b: Built, surface: Surface): Promise<string> {
  if (surface !== 'realtime') {
    const json = (await (await fetch(b.url, { method: b.method, headers: b.headers, ...(b.body !== undefined ? { body: b.body } : {}) })).json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    return String(surface === 'API 3.0' ? json.Response.Error?.Code : json.code);
  }
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(b.url);
    const got: string[] = [];
    const timer = setTimeout(() => reject(new Error('no close within 10 s')), 10_000);
    ws.on('message', (d: Buffer) => got.push(String(JSON.parse(d.toString('utf8')).code)));
    ws.on('close', () => (clearTimeout(timer), resolve(got.join(','))));
    ws.on('error', reject);
  });
}

/** The request as a HAR entry that kept its signature, as a browser's devtools save it. */
function harEntry(b: Built, startedMs: number): Entry {
  const headers = Object.entries({ host: new URL(b.url).host, ...b.headers }).map(([name, value]) => ({ name, value }));
  const body = b.body === undefined ? undefined : Buffer.isBuffer(b.body) ? { mimeType: b.headers['Content-Type'] ?? '', text: b.body.toString('base64'), _encoding: 'base64' } : { mimeType: b.headers['Content-Type'] ?? '', text: b.body };
  return {
    startedDateTime: new Date(startedMs).toISOString(),
    time: 1,
    request: { method: b.method, url: b.url, httpVersion: 'HTTP/1.1', cookies: [], headers, queryString: [], ...(body ? { postData: body } : {}), headersSize: -1, bodySize: -1 },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: 'application/json', text: '{}' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
    ...(b.url.startsWith('ws') ? { _webSocketMessages: [] } : {}),
  } as Entry;
}

const verdict = (x: Exchange) => x.checks.filter((c) => c.name === SIGNATURE_CHECK || c.name === PROBE_CHECK).map((c) => `${c.status}: ${c.name}`);

const ROWS: [string, Row][] = [];
for (const surface of ['API 3.0', 'flash', 'realtime'] as const) {
  ROWS.push(
    [`${surface} · the wrong-key probe`, { surface, suffix: KEY, probe: 'wrong-key' }],
    [`${surface} · the wrong-key probe with the TENCENTCLOUD_* pair`, { surface, pair: TEAM, suffix: KEY, probe: 'wrong-key' }],
    [`${surface} · the stale-timestamp probe`, { surface, offset: -STALE, probe: 'stale-timestamp' }],
    [`${surface} · the stale-timestamp probe, ${NEAR} s late`, { surface, offset: -STALE - NEAR, probe: 'stale-timestamp' }],
    [`${surface} · the stale-timestamp probe, ${NEAR} s early`, { surface, offset: -STALE + NEAR, probe: 'stale-timestamp' }],
    [`${surface} · a clock exactly one hour behind`, { surface, offset: -3600 }],
    [`${surface} · a clock exactly one hour ahead`, { surface, offset: 3600 }],
    [`${surface} · a clock half an hour behind`, { surface, offset: -1800 }],
    [`${surface} · a clock 75 minutes behind (a quarter-hour time zone)`, { surface, offset: -4500 }],
    [`${surface} · the probe's staleness missed by ${FAR} s`, { surface, offset: -STALE - FAR }],
    [`${surface} · the probe's staleness missed by -${FAR} s`, { surface, offset: -STALE + FAR }],
    [`${surface} · another wrong key`, { surface, key: 'a-wrong-key' }],
    [`${surface} · the old probe suffix`, { surface, suffix: '-but-wrong' }],
    [`${surface} · the probe suffix twice`, { surface, suffix: KEY + KEY }],
    [`${surface} · the probe suffix before the key`, { surface, key: KEY + LOCAL.secretKey }],
    [`${surface} · the probe suffix on the other pair's key`, { surface, key: TEAM.secretKey + KEY }],
    [`${surface} · both probes at once`, { surface, suffix: KEY, offset: -STALE }],
  );
}

let upstream: Awaited<ReturnType<typeof startCaptureServer>>;
let proxy: TestProxy;
const sent: { row: Row; built: Built; startedMs: number; x: Exchange }[] = [];
beforeAll(async () => {
  upstream = await startCaptureServer();
  proxy = await startTestProxy({ upstream: upstream.url }, ENV);
});
let stopped = false;
afterAll(async () => {
  if (!stopped) await proxy.stop();
  await upstream.close();
});

describe('through the proxy', () => {
  test.each(ROWS)('%s', async (_title, row) => {
    const before = { exchanges: proxy.session.exchanges.length, lines: proxy.lines.length, violations: proxy.session.violations };
    const built = build(proxy.url, row);
    const startedMs = Date.now();
    const code = await send(built, row.surface);
    await expect.poll(() => proxy.session.exchanges.length).toBe(before.exchanges + 1);
    const x = proxy.session.exchanges.at(-1)!;
    sent.push({ row, built, startedMs, x });
    // Answered as the service answers it, by the proxy: the upstream never sees it.
    const stale = Math.abs(row.offset ?? 0) > model.service.signing.timestampToleranceSeconds;
    expect(code).toBe(row.surface === 'API 3.0' ? (stale ? 'AuthFailure.SignatureExpire' : 'AuthFailure.SignatureFailure') : String(authFailed(row.surface === 'flash' ? endpoint.codes : channel.codes)));
    expect(upstream.requests).toEqual([]);
    const lines = proxy.lines.slice(before.lines);
    if (row.probe) {
      expect(x.checks.map((c) => `${c.status}: ${c.name}`)).toEqual([`passed: ${PROBE_CHECK}`]);
      expect(x.checks[0]!.detail).toContain(`the contract suite's own ${row.probe} probe`);
      expect([proxy.session.violations, lines]).toEqual([before.violations, []]);
    } else {
      expect(verdict(x)).toEqual([`failed: ${SIGNATURE_CHECK}`]);
      // A violation, printed (or counted, when the same one recurs), explained as any client's mistake.
      expect(proxy.session.violations).toBe(before.violations + 1);
      expect(lines.join('\n')).not.toContain('probe');
    }
  });
});

describe('verify', () => {
  const model = projectModel();
  const verifyOffline = async (entries: unknown[]): Promise<Exchange[]> => {
    const session = new ExchangeSession('verify', [], () => {});
    await verifyEntries(entries, checkContext(model, readDocuments(PACKAGE_ROOT), ENV), session);
    return session.exchanges;
  };

  test('gives the live verdicts over a HAR that kept the signatures, judged at the time each was sent', async () => {
    expect(sent.length).toBe(ROWS.length);
    const exchanges = await verifyOffline(sent.map((s) => harEntry(s.built, s.startedMs)));
    expect(exchanges.map(verdict)).toEqual(sent.map((s) => verdict(s.x)));
    expect(exchanges.filter((x) => verdict(x)[0] === `passed: ${PROBE_CHECK}`).length).toBe(ROWS.filter(([, r]) => r.probe).length);
  });

  test("gives the live verdicts over the proxy's recording, which removed the signatures", async () => {
    await proxy.stop();
    stopped = true;
    const entries = (JSON.parse(readFileSync(proxy.harPath, 'utf8')) as { log: { entries: unknown[] } }).log.entries;
    expect(entries.length).toBe(ROWS.length);
    const exchanges = await verifyOffline(entries);
    expect(exchanges.map(verdict)).toEqual(sent.map((s) => verdict(s.x)));
  });
});
