// asr-contract sign-url prints a URL that the emulator accepts, with the user's credentials or the
// local test pair.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { runCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const env = { TENCENTCLOUD_SECRET_ID: 'AKIDsignUrl00000000000000000000000000', TENCENTCLOUD_SECRET_KEY: 'sign-url-key', TENCENTCLOUD_APPID: '1251234567' };
let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({}, env);
});
afterAll(() => em.close());

function firstMessage(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('message', (d: Buffer) => {
      resolve(JSON.parse(d.toString()) as Record<string, unknown>);
      ws.close();
    });
    ws.on('error', reject);
  });
}

describe('asr-contract sign-url', () => {
  test.each(['realtime', 'virtual-number'])('%s: the printed URL opens a session on the emulator', async (channel) => {
    const r = await runCli(['sign-url', channel, '--base', em.url.replace('http', 'ws'), '--param', 'voice_format=1'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/asr/[a-z_/0-9]+/1251234567\\?.*&signature=[A-Za-z0-9%]+$`));
    expect(await firstMessage(r.stdout)).toMatchObject({ code: 0 });
  });

  test('defaults to the real host with credentials, and to the emulator without', async () => {
    const live = await runCli(['sign-url', 'realtime', '--engine', '8k_zh'], env);
    expect(live.stdout).toMatch(/^wss:\/\/asr\.cloud\.tencent\.com\/asr\/v2\/1251234567\?engine_model_type=8k_zh&/);
    const local = await runCli(['sign-url', 'realtime'], {});
    expect(local.stdout).toMatch(/^ws:\/\/127\.0\.0\.1:8080\/asr\/v2\/1300000000\?/);
    expect(local.stderr).toMatch(/signing for the local emulator/);
  });

  test.each([
    [['sign-url'], /name one channel: realtime or virtual-number/],
    [['sign-url', 'flash'], /unknown channel "flash"/],
    [['sign-url', 'realtime', '--param', 'colour=blue'], /"colour" is not a parameter of realtime/],
    [['sign-url', 'realtime', '--param', 'novalue'], /--param takes key=value/],
    [['sign-url', 'realtime', '--base', 'http://x'], /--base must be a ws:\/\/ or wss:\/\/ URL/],
    [['sign-url', 'virtual-number', '--engine', '16k_zh'], /virtual-number takes no engine/],
  ])('%j is a usage error', async (args, message) => {
    const r = await runCli(args, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
