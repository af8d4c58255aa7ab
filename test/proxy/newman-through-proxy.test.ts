// newman's full collection, positive and negative cases, through the proxy to the emulator: the run
// passes with 0 violations, the collection's deliberately bad signatures recognised as its own probes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { probeTitle, SIGN_PROBES, type SignTweak } from '../../src/model/cases.js';
import { PROBE_CHECK } from '../../src/proxy/api3-exchange.js';
import { failedChecks } from '../../src/proxy/exchange.js';
import { withPollDelay } from '../../src/runner/select.js';
import { runNewman, withValues } from '../helpers/newman.js';
import { proxiedEmulator } from '../helpers/proxy.js';

const read = (f: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, f), 'utf8'));

const running = proxiedEmulator({ stepMs: 0 });

test('the full collection passes through the proxy with 0 violations; its deliberately bad signatures are recognised as the suite\'s own probes', async () => {
  const { proxy } = running;
  const summary = await runNewman({ workingDir: PACKAGE_ROOT, collection: withPollDelay(read(OUTPUT_FILES.collection), 0), environment: withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: proxy.url, flashBaseUrl: proxy.url }) as never });
  expect(summary.run.failures.map((f) => `${f.source?.name}: ${f.error.message}`)).toEqual([]);
  const executions = summary.run.executions;
  expect(proxy.session.exchanges.length).toBe(executions.length);
  expect(proxy.session.exchanges.flatMap((x) => failedChecks(x).map((c) => `${x.action ?? x.surface}: ${c.name}: ${JSON.stringify(c.findings)}`))).toEqual([]);
  expect([proxy.session.violations, proxy.lines]).toEqual([0, []]);

  // The collection signs four requests badly on purpose (X-Contract-Sign): each probe, for API 3.0 and for flash.
  const titles = (Object.keys(SIGN_PROBES) as SignTweak[]).map(probeTitle);
  const deliberate = executions.map((ex, i) => ({ name: ex.item.name, x: proxy.session.exchanges[i]! })).filter(({ name }) => titles.some((t) => name.includes(t)));
  expect(deliberate.map(({ name, x }) => [name, x.checks.map((c) => `${c.status}: ${c.name}`)])).toEqual(
    deliberate.map(({ name }) => [name, [`passed: ${PROBE_CHECK}`]]),
  );
  expect(deliberate.length).toBe(4);
  expect(deliberate.map(({ x }) => x.checks[0]!.detail!.replace(/^\S+: /, '').split(':')[0])).toEqual([
    "the contract suite's own wrong-key probe",
    "the contract suite's own stale-timestamp probe",
    "the contract suite's own wrong-key probe",
    "the contract suite's own stale-timestamp probe",
  ]);
  // Every other negative case was refused by the upstream exactly as the contract says.
  const refused = proxy.session.exchanges.filter((x) => x.checks.some((c) => c.name.startsWith('the contract refuses the request with')));
  expect(refused.length).toBeGreaterThan(250);
  // The report says the same: every check passed or was skipped, none failed.
  expect(proxy.session.report().checks.filter((c) => c.status === 'failed')).toEqual([]);
});
