// The promise for Bruno: `cd generated/bruno && npx bru run --env local --env-var baseUrl=…`
// passes against the emulator in Bruno's default (safe) sandbox, with the same tests as newman, and
// signs every API 3.0 request as the official SDK does, for the bytes it sent.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { BRUNO_DIR, OUTPUT_FILES } from '../../src/outputs.js';
import { bruTestLines, runBru } from '../helpers/bruno.js';
import { scenarioCommand } from '../helpers/doc-blocks.js';
import { emulators } from '../helpers/emulator.js';
import { newmanTestLines, runNewman, withValues } from '../helpers/newman.js';
import { startRecordingProxy } from '../helpers/recording-proxy.js';
import { sdkAuthorization } from '../helpers/sdk-signature.js';

const COLLECTION = join(PACKAGE_ROOT, BRUNO_DIR);
const files = (readdirSync(COLLECTION, { recursive: true }) as string[]).filter((f) => f.endsWith('.yml')).sort();
const yml = (f: string) => parse(readFileSync(join(COLLECTION, f), 'utf8')) as { info: { name: string }; http?: { headers?: { name: string }[] } };
/** Requests signed badly on purpose (X-Contract-Sign): their Authorization is not the SDK's. */
const badlySigned = new Set(files.map(yml).filter((d) => d.http?.headers?.some((h) => h.name === 'X-Contract-Sign')).map((d) => d.info.name));
const fingerprint = (): string => createHash('sha256').update(files.map((f) => readFileSync(join(COLLECTION, f))).join('\0')).digest('hex');
const local = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.localEnvironment), 'utf8')) as { values: { key: string; value: string }[] };
const env = (key: string): string => local.values.find((v) => v.key === key)!.value;

/** docs/bruno.md's command, as written (its arguments after `bru run`); the tests add where the emulator is. */
const DOCUMENTED = /^\(cd generated\/bruno && npx bru run (.*)\)$/.exec(scenarioCommand('bruno-run', '(cd generated/bruno && npx bru run '))![1]!.split(/\s+/);

const fresh = emulators();
afterEach(fresh.stopAll);
const emulator = fresh.start;

describe('bru run of generated/bruno/ with the local environment', () => {
  test('passes against the emulator as docs/bruno.md runs it, with the same tests as newman, each API 3.0 request signed as the SDK signs it', async () => {
    const before = fingerprint();
    const [first, second] = await Promise.all([emulator(), emulator()]);
    const proxy = await startRecordingProxy(first.url);
    onTestFinished(proxy.close);
    expect(DOCUMENTED).toEqual(['--env', 'local']);
    // bru runs in a process of its own, mostly in Bruno's sandbox set-up: newman runs meanwhile, against its own emulator.
    const [bru, newman] = await Promise.all([
      runBru(COLLECTION, [...DOCUMENTED, '--env-var', `baseUrl=${proxy.url}`, '--env-var', `flashBaseUrl=${proxy.url}`]),
      runNewman({
        collection: JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.collection), 'utf8')),
        environment: withValues(local, { baseUrl: second.url, flashBaseUrl: second.url }) as never,
        workingDir: PACKAGE_ROOT,
      }),
    ]);
    expect(bru.summary.failedTests, bru.output.slice(-3000)).toBe(0);
    expect([bru.code, bru.summary.failedRequests, bru.summary.errorRequests]).toEqual([0, 0, 0]);
    expect(newman.run.failures).toEqual([]);
    const lines = bruTestLines(bru.results);
    expect(lines).toHaveLength(newman.run.stats.assertions.total!);
    expect(lines).toEqual(newmanTestLines(newman.run as never));
    expect(bru.summary.totalRequests).toBe(newman.run.stats.requests.total!);

    // One recorded request per result, in order; flash signs itself (HMAC-SHA1, checked by the emulator).
    expect(proxy.requests).toHaveLength(bru.results.length);
    let compared = 0;
    for (const [i, c] of proxy.requests.entries()) {
      if (c.url !== '/' || badlySigned.has(bru.results[i]!.name)) continue;
      expect(c.headers.authorization, bru.results[i]!.name).toBe(sdkAuthorization(c, proxy.url, { secretId: env('secretId'), secretKey: env('secretKey') }));
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
    expect(fingerprint()).toBe(before); // the run wrote nothing into the collection
  }, 600_000);

  test('a wrong key fails the run: the signature is refused and every check says so', async () => {
    const e = await emulator();
    const bru = await runBru(COLLECTION, ['Usage · 用量查询', '--env', 'local', '--env-var', `baseUrl=${e.url}`, '--env-var', 'secretKey=not-the-key'], 120_000);
    expect(bru.code).not.toBe(0);
    expect(bru.summary.failedTests).toBeGreaterThan(0);
    expect(bru.output).toContain('AuthFailure.SignatureFailure');
  }, 150_000);
});
