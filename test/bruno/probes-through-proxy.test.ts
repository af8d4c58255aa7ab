// The Bruno collection's signing probes through the contract proxy: bru runs the folders that sign
// badly on purpose (the authentication cases and flash's negative cases) against the proxy in front
// of the emulator; the run passes, and the proxy reports 0 violations, each probe recognised as the
// suite's own. The Bruno scripts read the probes from the contract data, as the Postman ones do.
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { AUTH_FOLDER, endpointTitle, NEGATIVE_FOLDER } from '../../src/model/cases.js';
import { BRUNO_DIR } from '../../src/outputs.js';
import { PROBE_CHECK } from '../../src/proxy/api3-exchange.js';
import { failedChecks } from '../../src/proxy/exchange.js';
import { runBru } from '../helpers/bruno.js';
import { projectModel } from '../helpers/emulator.js';
import { proxiedEmulator } from '../helpers/proxy.js';

const COLLECTION = join(PACKAGE_ROOT, BRUNO_DIR);
const FOLDERS = [join(NEGATIVE_FOLDER, AUTH_FOLDER), ...projectModel().endpoints.map((e) => join(NEGATIVE_FOLDER, endpointTitle(e)))];

const running = proxiedEmulator();

test('bru run of the probing folders through the proxy passes with 0 violations, every probe recognised', async () => {
  const { proxy } = running;
  const bru = await runBru(COLLECTION, [...FOLDERS, '--env', 'local', '--env-var', `baseUrl=${proxy.url}`, '--env-var', `flashBaseUrl=${proxy.url}`], 180_000);
  expect(bru.summary.failedTests, bru.output.slice(-3000)).toBe(0);
  expect([bru.code, bru.summary.failedRequests, bru.summary.errorRequests]).toEqual([0, 0, 0]);
  expect(proxy.session.exchanges.length).toBe(bru.results.length);
  expect(proxy.session.exchanges.flatMap((x) => failedChecks(x).map((c) => `${x.action ?? x.surface}: ${c.name}`))).toEqual([]);
  expect([proxy.session.violations, proxy.lines]).toEqual([0, []]);
  // A wrong key and a stale timestamp, for API 3.0 and for each flash-style endpoint.
  const probes = proxy.session.exchanges.filter((x) => x.checks.some((c) => c.name === PROBE_CHECK && c.status === 'passed'));
  expect(probes.length).toBe(2 * FOLDERS.length);
}, 240_000);
