// The proxy and verify commands as a user runs them: flags checked before anything starts, a run
// that prints its plan, writes its report on GET /_proxy/report and on stop, and exits 1 after
// violations; --help texts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { runProxy } from '../../src/cli/proxy.js';
import { resolveProject } from '../../src/project/resolve.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { callTc3 } from '../helpers/api3-client.js';
import { runCli } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { alive, until } from '../helpers/processes.js';

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

describe('asr-contract proxy', () => {
  test.each([
    [[], /--upstream is required/],
    [['--upstream', 'ftp://127.0.0.1:8080'], /--upstream must use http or https, got "ftp"/],
    [['--upstream', 'http://127.0.0.1:8080/v2'], /--upstream is a server root like https:\/\/asr\.tencentcloudapi\.com, without a path/],
    [['--upstream', 'https://asr.tencentcloudapi.com'], /set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to run against asr\.tencentcloudapi\.com/],
    [['--upstream', 'http://127.0.0.1:8080', '--port', 'eighty'], /--port must be a port number/],
    [['--flash-upstream', 'https://asr.cloud.tencent.com'], /--upstream is required/],
  ])('%j: one line naming the flag, exit 2, nothing started', async (argv, message) => {
    const r = await runCli(['proxy', ...argv], {}, mkdtempSync(join(tmpdir(), 'asr-proxy-cli-')));
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.code).toBe(2);
  });

  test('--help names every flag', async () => {
    const r = await runCli(['proxy', '--help']);
    for (const flag of ['--upstream', '--flash-upstream', '--ws-upstream', '--port', '--host', '--record', '--out', '--root', '/_proxy/report']) expect(r.stdout).toContain(flag);
    expect((await runCli(['verify', '--help'])).stdout).toContain('Usage: asr-contract verify FILE.har');
    expect((await runCli(['--help'])).stdout).toMatch(/ proxy +a re-signing contract proxy[^\n]*\n +verify +check the ASR exchanges in a HAR file/);
  });

  test('a run: the plan, a violation line, the report on GET /_proxy/report and on stop, the recording, exit 1', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'asr-proxy-cli-'));
    const out: string[] = [];
    const err: string[] = [];
    const io: Io = { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: {}, cwd };
    const stop = new AbortController();
    const running = runProxy(['--upstream', em.url, '--port', '0', '--record', 'traffic.har'], io, resolveProject(cwd, undefined, PACKAGE_ROOT), stop.signal);
    await until(() => err.some((l) => l.includes(' listening on ')), 'the proxy to listen');
    const url = /listening on (http:\/\/\S+)/.exec(err.join('\n'))![1]!;
    expect(err.join('\n')).toMatch(/ {2}API 3\.0 +http:\/\/127\.0\.0\.1:\d+\/\n/);
    expect(err.join('\n')).toMatch(/ {2}signs with +the emulator's local test pair, SecretId \*+0000/);
    await callTc3(url, 'GetAsrVocabList', { Offset: 0, Limit: 5 });
    await callTc3(url, 'GetAsrVocabList', { Offset: 0, Limit: 5 }, { secretKey: 'wrong' });
    expect(out).toEqual([expect.stringMatching(/Z GetAsrVocabList \S+ \/request\/headers\/authorization AuthFailure\.SignatureFailure: /)]);
    const report = (await (await fetch(`${url}/_proxy/report`)).json()) as { totals: { tests: number; failed: number }; files: string[] };
    expect(report.totals.failed).toBe(1);
    // The same files as the contract run's, from the same renderers.
    expect(report.files).toEqual(['run-report.json', 'junit.xml', 'report.html', 'summary.md', 'ctrf.json'].map((f) => join(cwd, 'reports', 'proxy', f)));
    for (const f of report.files) expect(existsSync(f), f).toBe(true);
    expect(readFileSync(join(cwd, 'reports', 'proxy', 'junit.xml'), 'utf8')).toMatch(/<testsuites [^>]*failures="1"/);
    stop.abort();
    expect(await running).toBe(1);
    expect(err.join('\n')).toMatch(/2 exchanges checked, 1 with violations \(1 violation\)/);
    const written = JSON.parse(readFileSync(join(cwd, 'reports', 'proxy', 'run-report.json'), 'utf8')) as { checks: { suite: string; source: string }[] };
    expect(new Set(written.checks.map((c) => `${c.suite} ${c.source}`))).toEqual(new Set(['GetAsrVocabList proxy']));
    expect((JSON.parse(readFileSync(join(cwd, 'traffic.har'), 'utf8')) as { log: { entries: unknown[] } }).log.entries.length).toBe(2);
  });

  test('a proxy killed with SIGKILL leaves a valid HAR holding every exchange it answered', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'asr-proxy-kill-'));
    const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'proxy', '--upstream', em.url, '--port', '0', '--record', 'crash.har', '--root', PACKAGE_ROOT], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH } });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    try {
      await until(() => / listening on http:\/\/\S+/.test(err), 'the proxy to listen');
      const url = /listening on (http:\/\/\S+)/.exec(err)![1]!;
      for (let i = 0; i < 3; i++) await callTc3(url, 'GetAsrVocabList', { Offset: 0, Limit: i + 1 });
    } finally {
      child.kill('SIGKILL');
    }
    await until(() => !alive(child.pid!), 'the proxy to die');
    const har = JSON.parse(readFileSync(join(cwd, 'crash.har'), 'utf8')) as { log: { version: string; entries: { request: { postData: { text: string } } }[] } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.map((e) => JSON.parse(e.request.postData.text).Limit)).toEqual([1, 2, 3]);
  }, 60_000);
});
