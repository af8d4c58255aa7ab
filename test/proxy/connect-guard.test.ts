// A connect guard watches every connection this process opens: the proxy dials the upstream hosts
// that were named, and nothing else, not even the other hosts of Tencent's split layout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { failedChecks } from '../../src/proxy/exchange.js';
import { signedChannelUrl, signedEndpointRequest } from '../../src/signing/surface-urls.js';
import { callTc3 } from '../helpers/api3-client.js';
import { guardConnections, type ConnectGuard } from '../helpers/connect-guard.js';
import { projectModel } from '../helpers/emulator.js';
import { until } from '../helpers/processes.js';
import { startTestProxy } from '../helpers/proxy.js';

const ENV = { TENCENTCLOUD_SECRET_ID: 'AKIDguardTEST00000000000000000000000', TENCENTCLOUD_SECRET_KEY: 'guard-test-key', TENCENTCLOUD_APPID: '1300000001' };
const model = projectModel();
const as = { secretId: ENV.TENCENTCLOUD_SECRET_ID, secretKey: ENV.TENCENTCLOUD_SECRET_KEY };

let guard: ConnectGuard;
beforeAll(() => {
  guard = guardConnections();
});
afterAll(() => guard.restore());

async function flash(proxyUrl: string): Promise<number> {
  const e = model.endpoints[0]!;
  const s = signedEndpointRequest(e, { base: proxyUrl, appId: ENV.TENCENTCLOUD_APPID, ...as, params: { engine_type: '16k_zh', voice_format: 'wav' }, now: Math.floor(Date.now() / 1000) });
  return (await fetch(s.url, { method: 'POST', headers: { ...s.headers, 'Content-Type': 'application/octet-stream' }, body: readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio)) })).status;
}

function session(proxyUrl: string): Promise<void> {
  const c = model.channels.find((x) => x.name === 'realtime')!;
  const url = signedChannelUrl(c, { base: proxyUrl.replace('http', 'ws'), appId: ENV.TENCENTCLOUD_APPID, ...as, params: { engine_model_type: '16k_zh', voice_id: 'guard' }, now: Math.floor(Date.now() / 1000) }).url;
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('close', () => resolve());
    ws.on('error', () => resolve());
  });
}

const outsideHosts = (from: number): string[] => [...new Set(guard.outside.slice(from).map((d) => `${d.host}:${d.port}`))];

describe('the proxy dials only the upstreams it was given', () => {
  test('--upstream https://asr.tencentcloudapi.com: API 3.0 goes there; flash and the WebSockets, not named, go nowhere', async () => {
    const from = guard.outside.length;
    const proxy = await startTestProxy({ upstream: 'https://asr.tencentcloudapi.com' }, ENV);
    try {
      await callTc3(proxy.url, 'GetAsrVocabList', { Offset: 0, Limit: 1 }, as);
      expect(await flash(proxy.url)).toBe(502);
      await session(proxy.url);
      await until(() => proxy.session.exchanges.length === 3, 'three exchanges');
      expect(outsideHosts(from)).toEqual(['asr.tencentcloudapi.com:443']);
      // The blocked dial is the proxy's: the exchange says the upstream did not answer, and why.
      expect(failedChecks(proxy.session.exchanges[0]!)[0]!.findings[0]!.rule).toMatch(/^https:\/\/asr\.tencentcloudapi\.com: .*blocked by the test/);
      expect(proxy.target.plan.join('\n')).toMatch(/FlashRecognition +left out: asr\.tencentcloudapi\.com does not serve it .* add --flash-upstream https:\/\/asr\.cloud\.tencent\.com/);
    } finally {
      await proxy.stop();
    }
  });

  test('with --flash-upstream and --ws-upstream: each surface dials its own named host, and only that', async () => {
    const from = guard.outside.length;
    const proxy = await startTestProxy({ upstream: 'https://asr.tencentcloudapi.com', flashUpstream: 'https://asr.cloud.tencent.com', wsUpstream: 'wss://asr.cloud.tencent.com' }, ENV);
    try {
      expect(await flash(proxy.url)).toBe(502);
      expect(outsideHosts(from)).toEqual(['asr.cloud.tencent.com:443']);
      await session(proxy.url);
      await until(() => proxy.session.exchanges.length === 2, 'two exchanges');
      expect(outsideHosts(from)).toEqual(['asr.cloud.tencent.com:443']);
      expect(guard.outside.slice(from).length).toBe(2);
    } finally {
      await proxy.stop();
    }
  });

  test('against the emulator, every dial is to loopback: the proxy itself and the named upstream port', async () => {
    const from = guard.dials.length;
    const upstream = 'http://127.0.0.1:9'; // named, closed: the dial is refused by the system
    const proxy = await startTestProxy({ upstream });
    try {
      await callTc3(proxy.url, 'GetAsrVocabList', { Offset: 0, Limit: 1 });
      const ports = [...new Set(guard.dials.slice(from).map((d) => d.port))].sort((a, b) => a - b);
      expect(ports).toEqual([9, proxy.port].sort((a, b) => a - b));
      expect(guard.outside.slice(from)).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});
