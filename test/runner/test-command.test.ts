// asr-contract test end to end: against the in-process emulator, against --base-url with
// credentials from the environment, report files without secrets, and clear refusals.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractCases } from '../../src/model/cases.js';
import { casesById, selectItems } from '../../src/runner/select.js';
import { isLocalUrl, remoteTarget } from '../../src/runner/target.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { projectModel, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

const temps: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'asr-contract-run-'));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('asr-contract test', () => {
  test('with no --base-url it tests an in-process emulator, prints a per-action table and writes reports', async () => {
    const out = tempDir();
    const r = await runCli(['test', '--reporters', 'junit,json,htmlextra', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^  API 3\.0 +http:\/\/127\.0\.0\.1:\d+\/ \(the emulator started for this run\)$/m);
    expect(r.stdout).toMatch(/^action +cases +checks +failed +skipped +seconds$/m);
    expect(r.stdout).toMatch(/^CreateRecTask +\d+ +\d+ +0 +0 +\d+\.\d$/m);
    const verdict = /^(\d+) passed, 0 failed of (\d+) checks \(1 preflight check, (\d+) assertions in the collection, (\d+) second-opinion checks, (\d+) WebSocket checks, (\d+) callback checks\)/m.exec(r.stdout);
    expect(verdict).not.toBeNull();
    const [passed, tests, ...parts] = verdict!.slice(1).map(Number);
    expect(passed).toBe(tests);
    expect(1 + parts.reduce((a, b) => a + b, 0)).toBe(tests);
    // The preflight, WebSocket sessions and callbacks are rows of the table too.
    for (const row of ['preflight', 'realtime', 'virtual-number', 'RecTaskCallback', 'StreamTaskCallback', 'FlashRecognition']) expect(r.stdout).toMatch(new RegExp(`^${row} +\\d+ +\\d+ +0 +0 +\\d+\\.\\d$`, 'm'));
    // htmlextra is the old name of the html reporter: the same self-contained report.html.
    for (const f of ['junit.xml', 'newman.json', 'report.html', 'contract-summary.json', 'run-report.json']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(readFileSync(join(out, 'junit.xml'), 'utf8')).toContain(`<testsuites name="ASR contract run" tests="${tests}" failures="0" errors="0" skipped="0"`);
    const summary = JSON.parse(readFileSync(join(out, 'contract-summary.json'), 'utf8'));
    expect(summary).toMatchObject({ failed: 0, passed, tests });
  });

  describe('against --base-url', () => {
    let em: TestEmulator;
    const env = { TENCENTCLOUD_SECRET_ID: 'AKIDrunnerTest000000000000000000000000', TENCENTCLOUD_SECRET_KEY: 'runner-secret-key-must-not-leak' };
    beforeAll(async () => {
      em = await startTestEmulator({}, env);
    });
    afterAll(() => em.close());

    test('uses TENCENTCLOUD_* credentials, runs a folder, and keeps the key out of every report', async () => {
      const out = tempDir();
      const r = await runCli(['test', '--base-url', em.url, '--folder', 'Negative cases', '--reporters', 'junit,json,htmlextra', '--out', out], env);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^\d+ passed, 0 failed/m);
      for (const f of ['junit.xml', 'newman.json', 'report.html', 'contract-summary.json']) {
        expect(readFileSync(join(out, f), 'utf8'), f).not.toContain(env.TENCENTCLOUD_SECRET_KEY);
      }
      expect(readFileSync(join(out, 'newman.json'), 'utf8')).toContain('***');
    });

    test('a key the server refuses stops the run before any case, naming the code; the reports say so too', async () => {
      const out = tempDir();
      const r = await runCli(['test', '--base-url', em.url, '--folder', 'Usage · 用量查询', '--out', out, '--reporters', 'junit'], { ...env, TENCENTCLOUD_SECRET_KEY: 'wrong' });
      expect(r.code).toBe(2);
      // A CI that annotates from JUnit shows the failed preflight, not a green empty run.
      const junit = readFileSync(join(out, 'junit.xml'), 'utf8');
      expect(junit).toContain('<testsuites name="ASR contract run" tests="1" failures="1" errors="0" skipped="0"');
      expect(junit).toMatch(/<testcase classname="preflight" name="DescribeAsyncRecognitionTasks › the target answers as an API 3\.0 server and accepts the credentials" time="[\d.]+">\n\s+<failure message="[^"]*AuthFailure\.SignatureFailure/);
      expect(r.stderr).toMatch(/refused the key pair in TENCENTCLOUD_SECRET_ID \(\*{34}0000\): AuthFailure\.SignatureFailure/);
      expect(r.stdout).not.toMatch(/passed/);
      expect(r.stderr).not.toContain('wrong');
    });
  });

  test.each([
    [['--reporters', 'cli,teamcity'], {}, /unknown reporter "teamcity"; choose from progress, cli, json, junit, html, summary, ctrf, htmlextra/],
    [['--shard', '2'], {}, /--shard takes K\/N, the shard to run and how many there are \(e\.g\. 2\/3\), got "2"/],
    [['--folder', 'Nope'], {}, /no folder named "Nope"; folders are:\n {2}Sentence recognition/],
    [['--base-url', 'https://asr.tencentcloudapi.com'], { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, /set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to run against asr.tencentcloudapi.com/],
    [['--base-url', 'asr.tencentcloudapi.com'], { TENCENTCLOUD_SECRET_ID: 'x', TENCENTCLOUD_SECRET_KEY: 'y' }, /--base-url must be an absolute URL such as https:\/\/asr.tencentcloudapi.com/],
    [['--base-url', 'https://asr.tencentcloudapi.com/v3'], { TENCENTCLOUD_SECRET_ID: 'x', TENCENTCLOUD_SECRET_KEY: 'y' }, /without a path/],
    [['--base-url', 'http://127.0.0.1:1', '--ws-base-url', 'ftp://127.0.0.1:2'], {}, /--ws-base-url must use ws or wss or http or https, got "ftp"/],
    [['--flash-base-url', 'http://127.0.0.1:2'], {}, /pass --base-url too/],
  ])('%j is refused before anything runs', async (args, env, message) => {
    const r = await runCli(['test', ...args, '--out', tempDir()], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('case selection', () => {
  const model = projectModel();
  const cases = casesById(contractCases(model));
  const collection = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.collection), 'utf8'));

  test('a leave-out rule removes cases and counts them by reason', () => {
    const mutating = 'billable';
    const safe = selectItems(collection, cases, { folders: [], leaveOut: (c) => (c?.mutating ? mutating : undefined) });
    const all = selectItems(collection, cases, { folders: [] });
    expect(all.requests).toBe(cases.size);
    expect(all.leftOut.size).toBe(0);
    expect(safe.leftOut.get(mutating)).toBe([...cases.values()].filter((c) => c.mutating).length);
    expect(safe.requests + safe.leftOut.get(mutating)!).toBe(all.requests);
    const kept = JSON.stringify(safe.collection);
    expect(kept).toContain('"name":"GetAsrVocabList"');
    expect(kept).not.toContain('"name":"CreateRecTask"');
  });

  test.each([
    ['http://127.0.0.1:8080/', true],
    ['http://localhost:9/', true],
    ['http://[::1]:9/', true],
    ['https://asr.tencentcloudapi.com/', false],
    ['http://10.0.0.5/', false],
  ])('%s is local: %s', (url, local) => {
    expect(isLocalUrl(new URL(url))).toBe(local);
  });

  test('the region defaults to the spec default and follows TENCENTCLOUD_REGION', () => {
    const creds = { TENCENTCLOUD_SECRET_ID: 'a', TENCENTCLOUD_SECRET_KEY: 'b' };
    expect(remoteTarget(model, { baseUrl: 'https://asr.tencentcloudapi.com' }, creds).values.region).toBe('ap-guangzhou');
    expect(remoteTarget(model, { baseUrl: 'https://asr.tencentcloudapi.com' }, { ...creds, TENCENTCLOUD_REGION: 'ap-shanghai' }).values.region).toBe('ap-shanghai');
  });
});
