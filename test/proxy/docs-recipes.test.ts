// docs/proxy.md as a reader uses it. The nightly recipe, written for the live service, runs as
// written under a dial guard: it dials only Tencent's hosts it names (refused here before a packet
// leaves), fails because nothing could be reached, and says so. The verify recipe's output in the
// guide is what verify prints. (The docs harness, test/docs/commands.test.ts, runs the other blocks.)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { docBlocks, scenarioBlocks } from '../helpers/doc-blocks.js';
import { bash, withDefaultPort } from '../helpers/doc-run.js';
import { userEnv } from '../helpers/packed-kit.js';

const work = mkdtempSync(join(tmpdir(), 'asr-proxy-docs-'));
const left = ['nightly.har', join('reports', 'nightly'), '.asr-proxy.pid'].map((p) => join(PACKAGE_ROOT, p));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  for (const p of left) rmSync(p, { recursive: true, force: true });
});

describe('docs/proxy.md', () => {
  test('the nightly recipe dials only the Tencent hosts it names, and fails because they are unreachable here', async () => {
    const [block] = scenarioBlocks('proxy-nightly');
    const log = join(work, 'dials.jsonl');
    const env = userEnv({
      NODE_OPTIONS: `--import ${join(PACKAGE_ROOT, 'test/helpers/preload/dial-guard.mjs')}`,
      ASR_DIAL_LOG: log,
      TENCENTCLOUD_SECRET_ID: 'AKIDDOCTESTONLY0000000000000000000000',
      TENCENTCLOUD_SECRET_KEY: 'doc-test-key-not-a-secret',
      TENCENTCLOUD_APPID: '1300000001',
    });
    // The guide's recipes share the proxy's port: one at a time, like the emulator's default port.
    const r = await withDefaultPort(() => bash(`set -o pipefail\n${block!.text}\n`, PACKAGE_ROOT, env, 240_000));
    const dials = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { host: string; blocked: boolean });
    const outside = dials.filter((d) => d.blocked);
    expect(outside.length, r.out.slice(-2000)).toBeGreaterThan(0);
    expect([...new Set(outside.map((d) => d.host))]).toEqual(['asr.tencentcloudapi.com']);
    expect(dials.filter((d) => !d.blocked).every((d) => /^127\./.test(d.host) || d.host === 'localhost')).toBe(true);
    expect(r.out).toMatch(/FlashRecognition +https:\/\/asr\.cloud\.tencent\.com\/asr\/flash\/v1\/\{appId\}/);
    expect(r.out).toMatch(/ \/ https:\/\/asr\.tencentcloudapi\.com: .*refused by the test's dial guard.* \[upstream\] \(the upstream answered\)/);
    expect(r.out).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
    expect(r.code).toBe(1);
    const har = readFileSync(join(PACKAGE_ROOT, 'nightly.har'), 'utf8');
    expect(JSON.parse(har).log.entries.length).toBeGreaterThan(0);
    expect(har).not.toContain('doc-test-key-not-a-secret');
    expect(har).not.toContain('AKIDDOCTESTONLY0000000000000000000000');
    expect(existsSync(join(PACKAGE_ROOT, 'reports', 'nightly', 'run-report.json'))).toBe(true);
    expect(existsSync(join(PACKAGE_ROOT, '.asr-proxy.pid'))).toBe(false);
  }, 300_000);

  test('the verify recipe prints what the guide shows', async () => {
    const blocks = docBlocks().filter((b) => b.file === 'docs/proxy.md');
    const i = blocks.findIndex((b) => b.text.startsWith('npx asr-contract verify docs/examples/bug-report.har'));
    const shown = blocks[i + 1]!;
    expect(shown.lang).toBe('text');
    const r = await runCli(['verify', 'docs/examples/bug-report.har'], {}, PACKAGE_ROOT);
    expect(r.stdout).toBe(shown.text);
    expect(r.code).toBe(1);
  });
});
