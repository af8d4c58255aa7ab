// The contract run's cost per request beside its floor: the same requests through newman with a
// one-line collection pre-request script and a one-assertion test script, nothing else. Both run
// against a fresh emulator in its own process (tasks step once per read, polls do not wait), so
// every answer is the real one and the server's share is the same on both sides. Medians of rounds.
import { resolveProject } from '../src/project/resolve.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewmanRunSummary } from 'newman';
import { loadNewman } from '../src/runner/load-newman.js';
import { PACKAGE_ROOT, type Io } from '../src/cli/io.js';
import { runTest } from '../src/cli/test.js';
import { OUTPUT_FILES } from '../src/outputs.js';
import { withPollDelay } from '../src/runner/select.js';
import { fmt, median, ratioRow, row } from './measure.js';
import { startChildServer } from './servers.js';

const ROUNDS = 3;

interface Node {
  name: string;
  item?: Node[];
  event?: unknown[];
}

/** The collection with every script replaced: one line before each request, one assertion after. */
function floorOf(collection: Record<string, unknown>): Record<string, unknown> {
  const strip = (nodes: Node[]): Node[] => nodes.map(({ event: _event, ...n }) => (n.item ? { ...n, item: strip(n.item) } : n));
  return {
    ...collection,
    item: strip(collection.item as Node[]),
    event: [
      { listen: 'prerequest', script: { type: 'text/javascript', exec: ["pm.request.headers.upsert({ key: 'X-Floor', value: '1' });"] } },
      { listen: 'test', script: { type: 'text/javascript', exec: ["pm.test('answered', function () { pm.expect(pm.response.code).to.equal(200); });"] } },
    ],
  };
}

async function timedRun(collection: unknown, environment: { values: { key: string; value: string }[] }): Promise<{ ms: number; requests: number; failed: number }> {
  const server = await startChildServer('emulator-step0');
  const env = { ...environment, values: environment.values.map((v) => (v.key === 'baseUrl' || v.key === 'flashBaseUrl' ? { ...v, value: server.url } : v)) };
  try {
    const t = performance.now();
    const s = await new Promise<NewmanRunSummary>((resolve, reject) => loadNewman().run({ collection: collection as never, environment: env as never, reporters: [], workingDir: PACKAGE_ROOT }, (err, summary) => (err ? reject(err) : resolve(summary))));
    return { ms: performance.now() - t, requests: s.run.stats.requests.total ?? 0, failed: s.run.stats.assertions.failed ?? 0 };
  } finally {
    await server.stop();
  }
}

export async function benchContract(): Promise<void> {
  console.log(`\ncontract: per request, the contract collection vs its floor (same requests, one-line scripts), each against a fresh emulator, median of ${ROUNDS}`);
  const full = withPollDelay(JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.collection), 'utf8')) as Record<string, unknown>, 0);
  const floor = floorOf(full);
  const env = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.localEnvironment), 'utf8'));
  await timedRun(floor, env); // warm-up: the first newman run of a process loads its modules
  const ours: number[] = [];
  const floors: number[] = [];
  let requests = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const f = await timedRun(floor, env);
    const c = await timedRun(full, env);
    if (c.failed > 0) throw new Error(`the contract run failed ${c.failed} assertions against the emulator; its timing would mean nothing`);
    requests = c.requests;
    floors.push(f.ms / f.requests);
    ours.push(c.ms / c.requests);
  }
  row(`contract run (signing + contract tests), per request (${requests} requests)`, `${median(ours).toFixed(2)} ms`);
  row('floor: the same requests, a one-line pre-request script and one assertion', `${median(floors).toFixed(2)} ms`);
  ratioRow('ratio contract / floor', median(ours) / median(floors), { max: 1.25 });

  const quiet: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: join(PACKAGE_ROOT, 'reports', 'bench') };
  const t = performance.now();
  const code = await runTest(['--reporters', 'json', '--out', join(PACKAGE_ROOT, 'reports', 'bench')], quiet, resolveProject(PACKAGE_ROOT, PACKAGE_ROOT));
  row('whole `asr-contract test` against its own emulator (wall)', `${fmt(performance.now() - t)}${code === 0 ? '' : ' (it FAILED)'}`);
}
