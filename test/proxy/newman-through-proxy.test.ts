// newman's full collection, positive and negative cases, through the proxy to the emulator: the run
// passes, and the proxy reports nothing but the collection's own deliberately bad signatures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { failedChecks } from '../../src/proxy/exchange.js';
import { withPollDelay } from '../../src/runner/select.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { runNewman, withValues } from '../helpers/newman.js';
import { startTestProxy, type TestProxy } from '../helpers/proxy.js';

const read = (f: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, f), 'utf8'));

let em: TestEmulator;
let proxy: TestProxy;
beforeAll(async () => {
  em = await startTestEmulator({ stepMs: 0 });
  proxy = await startTestProxy({ upstream: em.url });
});
afterAll(async () => {
  await proxy.stop();
  await em.close();
});

test('the full collection passes through the proxy; the only violations are its deliberately bad signatures', async () => {
  const summary = await runNewman({ workingDir: PACKAGE_ROOT, collection: withPollDelay(read(OUTPUT_FILES.collection), 0), environment: withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: proxy.url, flashBaseUrl: proxy.url }) as never });
  expect(summary.run.failures.map((f) => `${f.source?.name}: ${f.error.message}`)).toEqual([]);
  const executions = summary.run.executions;
  expect(proxy.session.exchanges.length).toBe(executions.length);
  // The collection signs four requests badly on purpose (X-Contract-Sign: a wrong key, an hour-old timestamp).
  const deliberate = executions.map((ex, i) => ({ name: ex.item.name, x: proxy.session.exchanges[i]! })).filter(({ name }) => /signed (with a wrong key|an hour ago)/.test(name));
  expect(deliberate.length).toBe(4);
  for (const { x } of deliberate) expect(failedChecks(x).map((c) => c.name)).toEqual(["the client's signature is valid"]);
  const others = proxy.session.exchanges.filter((x) => !deliberate.some((d) => d.x === x));
  expect(others.flatMap((x) => failedChecks(x).map((c) => `${x.action ?? x.surface}: ${c.name}: ${JSON.stringify(c.findings)}`))).toEqual([]);
  // Every negative case was refused by the upstream exactly as the contract says.
  const refused = others.filter((x) => x.checks.some((c) => c.name.startsWith('the contract refuses the request with')));
  expect(refused.length).toBeGreaterThan(250);
  // One line each: a wrong key and a stale timestamp, for API 3.0 and for flash.
  expect(proxy.session.violations).toBe(4);
  expect(proxy.lines.length).toBe(4);
});
