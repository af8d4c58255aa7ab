// Verdicts you can trust: a run goes only where it is pointed, checks its target before any case,
// and never counts a pass without an answer. The emulator runs as its own process here, as a user
// would start it; the runner runs in this process, where every TCP dial is watched.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { PREFLIGHT_TIMEOUT_MS } from '../../src/runner/preflight.js';
import { parseReport } from '../../src/report/json.js';
import { remoteTarget } from '../../src/runner/target.js';
import { projectModel } from '../helpers/emulator.js';
import { runCli } from '../helpers/cli.js';
import { guardConnections } from '../helpers/connect-guard.js';

const temps: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'asr-verdicts-'));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function spawnMock(): Promise<{ url: string; port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'mock', '--port', '0'], { cwd: PACKAGE_ROOT, env: { ...process.env, TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' } });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(out);
      if (m) resolve({ url: m[1]!, port: Number(m[2]), child });
    });
    child.once('exit', (code) => reject(new Error(`mock exited (${code})`)));
  });
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

async function closedPort(): Promise<number> {
  const { server, port } = await listen(() => {});
  await new Promise((r) => server.close(r));
  return port;
}

const clean = { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' };

describe('asr-contract test against an emulator started separately', () => {
  let mock: Awaited<ReturnType<typeof spawnMock>>;
  beforeAll(async () => {
    mock = await spawnMock();
  });
  afterAll(() => void mock.child.kill('SIGTERM'));

  test('every surface goes to --base-url: 0 failed, and no dial leaves loopback', async () => {
    const out = tempDir();
    const guard = guardConnections();
    let r;
    try {
      r = await runCli(['test', '--base-url', mock.url, '--reporters', 'json', '--out', out], clean);
    } finally {
      guard.restore();
    }
    expect(guard.outside).toEqual([]);
    // The guard saw the run at all: it dialled the emulator (how often depends on connection reuse).
    expect(guard.dials.some((d) => d.port === mock.port)).toBe(true);
    // And the emulator received all of it: every request newman sent, on its surface, and a session
    // per WebSocket case. Counted where they arrived, so connection reuse cannot change the evidence.
    const received = ((await (await fetch(`${mock.url}/_emulator/health`)).json()) as { received: { api3: number; endpoints: Record<string, number>; channels: Record<string, number> } }).received;
    const summary = JSON.parse(readFileSync(join(out, 'newman.json'), 'utf8')) as { run: { executions: { request: { url: { path?: string[] } } }[] } };
    const sent = summary.run.executions.map((e) => (e.request.url.path ?? []).join('/'));
    const flash = sent.filter((p) => p.startsWith('asr/flash/')).length;
    expect(flash).toBeGreaterThan(0);
    expect(received.endpoints.FlashRecognition).toBeGreaterThanOrEqual(flash);
    // API 3.0: newman's requests, plus the preflight and the callback cases' own calls.
    expect(received.api3).toBeGreaterThanOrEqual(sent.length - flash + 1);
    const report = parseReport(readFileSync(join(out, 'run-report.json'), 'utf8'), 'run-report.json');
    for (const channel of ['realtime', 'virtual-number']) {
      const cases = new Set(report.checks.filter((c) => c.source === 'websocket' && c.suite === channel).map((c) => c.case)).size;
      expect(cases, channel).toBeGreaterThan(0);
      expect(received.channels[channel], channel).toBeGreaterThanOrEqual(cases);
    }
    for (const surface of ['FlashRecognition', 'realtime', 'virtual-number']) expect(r.stdout).toMatch(new RegExp(`^  ${surface} +${mock.url.replace('http', '(http|ws)')}/asr/`, 'm'));
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed/m);
    expect(r.code).toBe(0);
  });

  test('the guard itself refuses and records a dial to a live host', async () => {
    const guard = guardConnections();
    try {
      await expect(fetch('https://asr.cloud.tencent.com/')).rejects.toThrow();
    } finally {
      guard.restore();
    }
    expect(guard.outside).toEqual([{ host: 'asr.cloud.tencent.com', port: 443 }]);
  });
});

describe('the preflight ends a run that has no API 3.0 server to test', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));
  const html = async (): Promise<string> => {
    const { server, port } = await listen((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('<html><body>Not Found</body></html>');
    });
    servers.push(server);
    return `http://127.0.0.1:${port}`;
  };
  const tlsToPlain = async (): Promise<string> => `https://127.0.0.1:${new URL(await html()).port}`;
  const closed = async (): Promise<string> => `http://127.0.0.1:${await closedPort()}`;

  test.each([
    ['a closed port', closed, /cannot reach the API 3\.0 server at http:\/\/127\.0\.0\.1:\d+: connection refused: nothing listens there \(ECONNREFUSED\); start one with `asr-contract mock --port \d+`/],
    ['a server of another kind', html, /http:\/\/127\.0\.0\.1:\d+ is not an API 3\.0 server: DescribeAsyncRecognitionTasks answered HTTP 404 \(text\/html\) without Response\.RequestId: "<html>/],
    ['TLS to a plain HTTP port', tlsToPlain, /cannot reach the API 3\.0 server at https:\/\/127\.0\.0\.1:\d+: TLS failed: /],
  ])('%s: exit 2, one line, fewer than 20 lines in all, nothing run', async (_name, make, message) => {
    const guard = guardConnections();
    let r;
    try {
      r = await runCli(['test', '--base-url', await make(), '--out', tempDir()], clean);
    } finally {
      guard.restore();
    }
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(`${r.stdout}\n${r.stderr}`.split('\n').length).toBeLessThan(20);
    expect(r.stdout).not.toMatch(/passed/);
    expect(guard.outside).toEqual([]);
  });

  test('it gives up well inside 10 s on a server that never answers', () => {
    // The timeout is the bound; a test of the clock itself would be a timed test.
    expect(PREFLIGHT_TIMEOUT_MS).toBeLessThan(10_000);
  });
});

describe('where each surface goes', () => {
  const model = projectModel();
  const keys = { TENCENTCLOUD_SECRET_ID: 'AKIDx', TENCENTCLOUD_SECRET_KEY: 'k' };
  test.each([
    ['an emulator on this machine', { baseUrl: 'http://127.0.0.1:8080' }, {}, { flash: 'http://127.0.0.1:8080', ws: 'ws://127.0.0.1:8080', credentials: 'local-pair' }],
    ['a proxy elsewhere serves every surface on its origin', { baseUrl: 'https://asr-proxy.internal.example' }, keys, { flash: 'https://asr-proxy.internal.example', ws: 'wss://asr-proxy.internal.example', credentials: 'environment' }],
    ["Tencent's API 3.0 host alone: flash and the WebSockets are left out", { baseUrl: 'https://asr.tencentcloudapi.com' }, keys, { flash: undefined, ws: undefined, credentials: 'environment' }],
    ["Tencent's split hosts, each named", { baseUrl: 'https://asr.tencentcloudapi.com', flashBaseUrl: 'https://asr.cloud.tencent.com', wsBaseUrl: 'wss://asr.cloud.tencent.com' }, keys, { flash: 'https://asr.cloud.tencent.com', ws: 'wss://asr.cloud.tencent.com', credentials: 'environment' }],
    ['an http --ws-base-url becomes ws://', { baseUrl: 'http://127.0.0.1:1', wsBaseUrl: 'http://127.0.0.1:2' }, {}, { flash: 'http://127.0.0.1:1', ws: 'ws://127.0.0.1:2', credentials: 'local-pair' }],
  ])('%s', (_name, flags, env, want) => {
    const t = remoteTarget(model, flags, env);
    expect({ flash: t.flashBaseUrl, ws: t.wsBaseUrl, credentials: t.credentials }).toEqual(want);
    if (!want.flash) expect(t.leftOut.flash).toMatch(/add --flash-base-url https:\/\/asr\.cloud\.tencent\.com/);
    if (!want.ws) expect(t.leftOut.ws).toMatch(/add --ws-base-url wss:\/\/asr\.cloud\.tencent\.com/);
  });

  test("against Tencent's API 3.0 host, the run dials that host and no other", async () => {
    const guard = guardConnections();
    let r;
    try {
      r = await runCli(['test', '--base-url', 'https://asr.tencentcloudapi.com', '--out', tempDir()], keys);
    } finally {
      guard.restore();
    }
    // The guard refuses the dial, so the preflight ends the run: what matters is whom it tried.
    expect(r.code).toBe(2);
    expect([...new Set(guard.outside.map((d) => d.host))]).toEqual(['asr.tencentcloudapi.com']);
    expect(r.stdout).toMatch(/^  realtime +left out: asr\.tencentcloudapi\.com does not serve them/m);
  });
});
