// The contract run's cost per request next to a script-free newman run of the same requests, in the
// same process, both against one canned-answer server (so server time is equal and small).
// Goal: at most 2x. Also the wall time of a whole `asr-contract test` against the emulator.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import newman from 'newman';
import { PACKAGE_ROOT, type Io } from '../src/cli/io.js';
import { runTest } from '../src/cli/test.js';
import { compileSpecDir } from '../src/model/compile.js';
import { OUTPUT_FILES } from '../src/outputs.js';
import { fmt, median, row } from './measure.js';

const RUNS = 3;

async function cannedServer(): Promise<{ url: string; close: () => void }> {
  const model = compileSpecDir(PACKAGE_ROOT).model!;
  const answers = new Map(model.actions.map((a) => [a.name, JSON.stringify({ Response: a.examples[0]!.response })]));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = answers.get(String(req.headers['x-tc-action'])) ?? '{"Response":{"RequestId":"x"}}';
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

function timedRun(collection: unknown, environment: unknown): Promise<{ ms: number; requests: number }> {
  const t = performance.now();
  return new Promise((resolve, reject) =>
    newman.run({ collection: collection as never, environment: environment as never, reporters: [] }, (err, s) => (err ? reject(err) : resolve({ ms: performance.now() - t, requests: s.run.stats.requests.total ?? 0 }))),
  );
}

export async function benchContract(): Promise<void> {
  console.log(`\ncontract: newman with the contract scripts vs without any script (same requests, same process, median of ${RUNS})`);
  const server = await cannedServer();
  try {
    const full = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.collection), 'utf8'));
    // Workflows poll; against canned answers they would wait for nothing.
    const withScripts = { ...full, item: full.item.filter((f: { name: string }) => f.name !== 'Workflows') };
    const scriptFree = { ...withScripts, event: [] };
    const env = JSON.parse(readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.localEnvironment), 'utf8'));
    env.values = env.values.map((v: { key: string; value: string }) => (v.key === 'baseUrl' ? { ...v, value: server.url } : v));
    await timedRun(scriptFree, env); // warm-up
    const a: number[] = [];
    const b: number[] = [];
    let requests = 0;
    for (let i = 0; i < RUNS; i++) {
      const x = await timedRun(scriptFree, env);
      const y = await timedRun(withScripts, env);
      requests = x.requests;
      a.push(x.ms / x.requests);
      b.push(y.ms / y.requests);
    }
    row(`script-free newman, per request (${requests} requests)`, `${median(a).toFixed(2)} ms`);
    row('contract run (signing + tests), per request', `${median(b).toFixed(2)} ms`);
    row('ratio contract / script-free (goal ≤ 2.0)', (median(b) / median(a)).toFixed(2));
  } finally {
    server.close();
  }
  const quiet: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: join(PACKAGE_ROOT, 'reports', 'bench') };
  const t = performance.now();
  const code = await runTest(['--reporters', 'json', '--out', join(PACKAGE_ROOT, 'reports', 'bench')], quiet, PACKAGE_ROOT);
  row('whole `asr-contract test` against the emulator (wall)', `${fmt(performance.now() - t)}${code === 0 ? '' : ' (it FAILED)'}`);
}
