// The collection in the newest Postman runner, not only newman 6's: postman-runtime 7.56 with its
// postman-sandbox 6.7 (what the Postman app's runner is built on) runs the whole collection against
// the emulator with every assertion passing; and what the app shows when a poll is still running
// or the flash audio file is not found.
import { createReadStream, mkdtempSync, readFileSync, stat } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sdk from 'postman-collection';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { withValues } from '../helpers/newman.js';

const require = createRequire(import.meta.url);
const runtime = require('postman-runtime') as { Runner: new () => { run(c: unknown, o: unknown, cb: (err: Error | null, run: { start(cb: Record<string, unknown>): void }) => void): void } };
// The sandbox version as postman-runtime itself resolves it (newman keeps its own older pair).
const fromRuntime = createRequire(require.resolve('postman-runtime'));
const versions = { runtime: (require('postman-runtime/package.json') as { version: string }).version, sandbox: (fromRuntime('postman-sandbox/package.json') as { version: string }).version };
const read = (f: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, f), 'utf8'));

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({ stepMs: 0 });
});
afterAll(() => em.close());

interface Outcome {
  assertions: { name: string; error?: string }[];
  problems: string[];
  responses: number;
}

/** File bodies resolve against `workingDir`, as newman's --working-dir and the app's setting do. */
function runLatest(collection: unknown, environment: { values: { key: string; value: string }[] }, workingDir = PACKAGE_ROOT): Promise<Outcome> {
  const out: Outcome = { assertions: [], problems: [], responses: 0 };
  const fileResolver = { stat: (p: string, cb: (...a: unknown[]) => void) => stat(resolve(workingDir, p), cb), createReadStream: (p: string) => createReadStream(resolve(workingDir, p)) };
  return new Promise((done, fail) => {
    new runtime.Runner().run(new sdk.Collection(collection as never), { environment: new sdk.VariableScope(environment.values as never), fileResolver, timeout: { request: 30_000 } }, (err, run) => {
      if (err) return fail(err);
      run.start({
        assertion: (_c: unknown, list: { name: string; error?: { message: string } }[]) => list.forEach((a) => out.assertions.push({ name: a.name, ...(a.error ? { error: a.error.message } : {}) })),
        exception: (_c: unknown, e: Error) => out.problems.push(`exception: ${e.message}`),
        response: (e: Error | null) => (e ? out.problems.push(`request: ${e.message}`) : out.responses++),
        done: (e: Error | null) => (e ? fail(e) : done(out)),
      });
    });
  });
}

describe(`the collection in postman-runtime ${versions.runtime} (postman-sandbox ${versions.sandbox})`, () => {
  test('is the newest line, not newman 6\'s', () => {
    expect(versions.runtime).toMatch(/^7\.5[6-9]\./);
    expect(versions.sandbox).toMatch(/^6\.([7-9]|\d\d)\./);
  });

  test('runs the whole collection against the emulator with every assertion passing', async () => {
    const collection = JSON.parse(JSON.stringify(read(OUTPUT_FILES.collection)).replace(/delayMs=\d+/g, 'delayMs=0'));
    const outcome = await runLatest(collection, withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: em.url, flashBaseUrl: em.url }));
    expect(outcome.problems).toEqual([]);
    expect(outcome.assertions.filter((a) => a.error).map((a) => `${a.name}: ${a.error}`)).toEqual([]);
    expect(outcome.responses).toBeGreaterThan(300);
    expect(outcome.assertions.length).toBeGreaterThan(1000);
    // The recorded-file workflow polls: its first answer is still running, which is recorded, not silent.
  });

  test('flash with the working directory elsewhere fails with 4012 and says which setting to change', async () => {
    const c = read(OUTPUT_FILES.collection);
    const flash = { ...c, item: c.item.filter((f: { name: string }) => f.name.startsWith('Flash recognition')) };
    const outcome = await runLatest(flash, withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: em.url, flashBaseUrl: em.url }), mkdtempSync(join(tmpdir(), 'asr-no-fixture-')));
    expect(outcome.assertions.filter((a) => a.error).map((a) => `${a.name}: ${a.error}`)).toEqual([
      expect.stringMatching(/^FlashRecognition · code is 0: code \(audio is empty; the body is the file generated\/fixtures\/flash-sample\.wav, which Postman reads relative to its working directory: set Settings → General → Working directory to a checkout of asr-contract\): expected 4012 to equal \+?0$/),
    ]);
  });

  test('a poll that finds the task still running records that polling continues in the Runner', async () => {
    // Step 0: each read moves the task one documented state on, so the polls see 0, 1, then 2.
    const slow = await startTestEmulator({ stepMs: 0 });
    try {
      const c = read(OUTPUT_FILES.collection);
      const workflow = c.item.find((f: { name: string }) => f.name === 'Workflows').item.filter((f: { name: string }) => f.name.startsWith('Recorded-file recognition'));
      const only = JSON.parse(JSON.stringify({ ...c, item: workflow }).replace(/delayMs=\d+/g, 'delayMs=0'));
      const outcome = await runLatest(only, withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: slow.url, flashBaseUrl: slow.url }));
      const polls = outcome.assertions.filter((a) => /Data\.Status/.test(a.name));
      expect(polls).toEqual([
        { name: expect.stringMatching(/^DescribeTaskStatus · Data\.Status is 0, not yet 2 \(poll 1 of \d+\): polling continues in the Collection Runner$/) },
        { name: expect.stringMatching(/^DescribeTaskStatus · Data\.Status is 1, not yet 2 \(poll 2 of \d+\): polling continues in the Collection Runner$/) },
        { name: 'DescribeTaskStatus · Data.Status reached 2 after 3 poll(s)' },
      ]);
    } finally {
      await slow.close();
    }
  });
});
