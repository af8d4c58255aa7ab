// --state under a long-running emulator's load: a mix of SentenceRecognition, CreateRecTask with two
// polls, and a hot-word table created, read and deleted, from 20 connections, against an emulator
// holding 10,000 live tasks with --state (each change synced before its answer) and the same
// without, side by side in one run. Before each round the clock lets one group of old tasks expire,
// so the creates of the round fit under the cap and the store stays at about 10,000 tasks.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { compileSpecDir } from '../src/model/compile.js';
import type { Model } from '../src/model/types.js';
import { fixtureWav } from '../src/collection/fixture-wav.js';
import { median, ratioRow, row } from './measure.js';
import { BENCH_TASK, GROUP_MS } from './prefill.js';
import { startChildServer, type ChildServer } from './servers.js';
import { signedRequest } from './signed.js';

const TASKS = 10_000;
const ROUNDS = 3;
const CONNECTIONS = 20;
const REQUESTS_PER_ROUND = 3_500;
/** Each round creates at most one task per 7 requests, plus one per connection; this many expire first. */
const EXPIRE_PER_ROUND = 540;
const HEALTH_EVERY_MS = 20;

interface Context {
  taskId?: unknown;
  vocabId?: unknown;
}

interface Round {
  rate: number;
  created: number;
}

interface Listener {
  /** Every answer, refused or not. */
  answered(): void;
  refused(action: string, body: string): void;
  created(): void;
}

function mix(model: Model, url: string, on: Listener): autocannon.Request[] {
  const audio = fixtureWav(300);
  const sentence = { EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'wav', Data: audio.toString('base64'), DataLen: audio.length };
  const step = (action: string, params: (c: Context) => unknown, keep?: (r: Record<string, unknown>, c: Context) => void): autocannon.Request => ({
    method: 'POST',
    path: '/',
    setupRequest: (req, context) => ({ ...req, ...signedRequest(model, url, action, params(context as Context)) }),
    onResponse: (_status, body, context) => {
      on.answered();
      const r = (JSON.parse(body) as { Response: Record<string, unknown> }).Response;
      if (r.Error) return on.refused(action, body);
      keep?.(r, context as Context);
    },
  });
  return [
    step('SentenceRecognition', () => sentence),
    step('CreateRecTask', () => BENCH_TASK, (r, c) => {
      c.taskId = (r.Data as { TaskId: unknown }).TaskId;
      on.created();
    }),
    step('DescribeTaskStatus', (c) => ({ TaskId: c.taskId })),
    step('DescribeTaskStatus', (c) => ({ TaskId: c.taskId })),
    step('CreateAsrVocab', () => ({ Name: 'bench', WordWeights: [{ Word: '腾讯云', Weight: 10 }] }), (r, c) => void (c.vocabId = r.VocabId)),
    step('GetAsrVocab', (c) => ({ VocabId: c.vocabId })),
    step('DeleteAsrVocab', (c) => ({ VocabId: c.vocabId })),
  ];
}

/** GET /_emulator/health every HEALTH_EVERY_MS until stopped; its latencies in ms. */
function pollHealth(url: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await (await fetch(`${url}/_emulator/health`)).arrayBuffer();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, HEALTH_EVERY_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return latencies;
    },
  };
}

const p99 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.99) - 1)] ?? NaN;

async function round(model: Model, server: ChildServer, index: number, health: number[]): Promise<Round> {
  // Let the index-th group of the oldest tasks expire (they were created a minute apart).
  const retention = model.emulator.resources.find((k) => k.name === 'rec-task')!.retentionMs!;
  const to = new Date(server.firstCreatedAt! + retention + index * GROUP_MS + GROUP_MS / 2).toISOString();
  const moved = await fetch(`${server.url}/_emulator/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ to }) });
  const expired = ((await moved.json()) as { expired?: number }).expired;
  if (expired !== EXPIRE_PER_ROUND) throw new Error(`${server.url}: moving the clock expired ${String(expired)} tasks, not ${EXPIRE_PER_ROUND}`);
  let refused = '';
  let created = 0;
  let answered = 0;
  let last = 0;
  const poller = pollHealth(server.url);
  // Timed here, from the start to the last answer: autocannon notices that `amount` is reached only
  // on the tick of its one-second timer, so its own duration (and the wall time of the call) comes in
  // whole seconds, which made both sides read alike.
  const started = performance.now();
  const listener: Listener = {
    answered: () => void (++answered === REQUESTS_PER_ROUND && (last = performance.now())),
    refused: (action, body) => void (refused ||= `${action}: ${body}`),
    created: () => void (created += 1),
  };
  const result = await autocannon({ url: server.url, connections: CONNECTIONS, amount: REQUESTS_PER_ROUND, requests: mix(model, server.url, listener) });
  const seconds = ((last || performance.now()) - started) / 1000;
  health.push(...(await poller.stop()));
  if (refused) throw new Error(`${server.url} refused a benchmark request: ${refused}`);
  if (result.errors + result.timeouts + result.non2xx > 0) throw new Error(`${server.url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers under load`);
  return { rate: result.requests.total / seconds, created };
}

export async function benchState(): Promise<void> {
  console.log(`\nstate: SentenceRecognition, CreateRecTask + 2 polls, hot-word create/get/delete; ${CONNECTIONS} connections, ${TASKS} live tasks stored; ${ROUNDS} rounds of ${REQUESTS_PER_ROUND} requests each, medians`);
  const model = compileSpecDir(PACKAGE_ROOT).model!;
  const dir = mkdtempSync(join(tmpdir(), 'asr-bench-state-'));
  const groups = [String(TASKS), String(EXPIRE_PER_ROUND), String(ROUNDS)];
  const memory = await startChildServer('emulator-tasks', ['-', ...groups]);
  const stored = await startChildServer('emulator-tasks', [join(dir, 'state.jsonl'), ...groups]);
  try {
    const memoryRates: number[] = [];
    const storedRates: number[] = [];
    const memoryHealth: number[] = [];
    const storedHealth: number[] = [];
    let live = TASKS;
    let fewest = TASKS;
    let most = TASKS;
    for (let i = 0; i < ROUNDS; i++) {
      memoryRates.push((await round(model, memory, i, memoryHealth)).rate);
      const r = await round(model, stored, i, storedHealth);
      storedRates.push(r.rate);
      fewest = Math.min(fewest, (live -= EXPIRE_PER_ROUND));
      most = Math.max(most, (live += r.created));
    }
    row('in memory, requests/s', median(memoryRates).toFixed(0));
    row('with --state (synced before each answer), requests/s', median(storedRates).toFixed(0));
    ratioRow('ratio --state / in memory', median(storedRates) / median(memoryRates), { min: 0.8 });
    const healthP99 = p99(storedHealth);
    row(`GET /_emulator/health p99 under --state load (${storedHealth.length} polls)`, `${healthP99.toFixed(1)} ms  (goal < 100 ms: ${healthP99 < 100 ? 'met' : 'NOT met'})`);
    row('GET /_emulator/health p99 under in-memory load', `${p99(memoryHealth).toFixed(1)} ms`);
    row('live tasks stored during the --state rounds', `${fewest}–${most}`);
  } finally {
    await memory.stop();
    await stored.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
