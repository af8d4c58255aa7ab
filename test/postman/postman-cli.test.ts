// The promise for the Postman CLI: the generated collection, with the local environment,
// passes against the emulator in Postman's own runner, with the same assertions as newman. No login:
// a local collection file runs without one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { emulators } from '../helpers/emulator.js';
import { newmanTestLines, runNewman, withValues } from '../helpers/newman.js';
import { postmanCliAvailable, runPostmanCli } from '../helpers/postman-cli.js';
import { scenarioCommand } from '../helpers/doc-blocks.js';

const available = postmanCliAvailable();
/** docs/postman.md's command, as written (its arguments after `collection run`); the tests add where the emulator is. */
const DOCUMENTED = scenarioCommand('postman-cli', 'npx postman collection run ').replace('npx postman collection run ', '').split(/\s+/);
const fresh = emulators();
afterEach(fresh.stopAll);
const emulator = fresh.start;

describe.skipIf(!available)('postman collection run (Postman CLI) with the local environment', () => {
  test('passes against the emulator as docs/postman.md runs it: 0 failed, the same assertions as newman', async () => {
    expect(DOCUMENTED).toEqual([OUTPUT_FILES.collection, '-e', OUTPUT_FILES.localEnvironment]);
    const e = await emulator();
    const run = await runPostmanCli(PACKAGE_ROOT, [...DOCUMENTED, '--env-var', `baseUrl=${e.url}`, '--env-var', `flashBaseUrl=${e.url}`]);
    expect(run.report.run.failures, run.output.slice(-3000)).toEqual([]);
    expect(run.code).toBe(0);
    const stats = run.report.run.stats;
    expect([stats.requests!.failed, stats.assertions!.failed, stats.testScripts!.failed, stats.prerequestScripts!.failed]).toEqual([0, 0, 0, 0]);

    const second = (await emulator()).url;
    const local = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.localEnvironment), 'utf8'));
    const newman = await runNewman({ collection: JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.collection), 'utf8')), environment: withValues(local, { baseUrl: second, flashBaseUrl: second }) as never, workingDir: PACKAGE_ROOT });
    expect(newmanTestLines(run.report.run)).toEqual(newmanTestLines(newman.run as never));
    expect(stats.assertions!.total).toBe(newman.run.stats.assertions.total);
    expect(stats.requests!.total).toBe(newman.run.stats.requests.total);
  }, 420_000);

  test('a wrong key fails the run, and the exit code says so', async () => {
    const e = await emulator();
    const run = await runPostmanCli(PACKAGE_ROOT, [OUTPUT_FILES.collection, '-e', OUTPUT_FILES.localEnvironment, '-i', 'Usage · 用量查询', '--env-var', `baseUrl=${e.url}`, '--env-var', 'secretKey=not-the-key'], 120_000);
    expect(run.code).not.toBe(0);
    expect(run.report.run.stats.assertions!.failed).toBeGreaterThan(0);
    expect(run.output).toContain('AuthFailure.SignatureFailure');
  }, 150_000);
});
