// `bru run` of the Bruno collection (generated/bruno/) beside its floor: the same requests through
// bru with a one-line before-request script and a one-test tests script, nothing else. Bruno's safe
// sandbox sets up a fresh QuickJS with its ~380 KB library bundle for every script, which the floor
// pays too, so the ratio shows what the collection's own scripts cost. Both run against a fresh
// emulator in its own process, polls not waiting; one round each, as a full run takes a minute or
// more. CPU time of the bru process is printed beside wall time: on a shared machine it is the
// steadier figure, and the load average says how shared the machine was.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { BRUNO_DIR } from '../src/outputs.js';
import { ratioRow, row } from './measure.js';
import { startChildServer } from './servers.js';

const BRU = join(createRequire(join(PACKAGE_ROOT, 'package.json')).resolve('@usebruno/cli/package.json'), '../bin/bru.js');
/** The goal of the issue: a whole run in at most this long on a quiet 2-core machine. */
const GOAL_MS = 40_000;

interface Run {
  wallMs: number;
  cpuMs: number;
  requests: number;
  tests: number;
  failed: number;
}

/** A copy of the collection, polls not waiting, every script replaced by `floor` when given. */
function copyCollection(floor?: { before: string; tests: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'asr-bench-bruno-'));
  cpSync(join(PACKAGE_ROOT, BRUNO_DIR), dir, { recursive: true });
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.yml')) continue;
    const path = join(dir, f);
    const text = readFileSync(path, 'utf8');
    if (text.includes('X-Contract-Poll')) writeFileSync(path, text.replace(/delayMs=\d+/g, 'delayMs=0'));
    if (!floor || !/(^|\/)(opencollection|folder)\.yml$/.test(f)) continue;
    const doc = parse(text) as { request?: { scripts?: { type: string; code: string }[] } };
    if (!doc.request?.scripts) continue;
    for (const s of doc.request.scripts) s.code = s.type === 'tests' ? floor.tests : floor.before;
    writeFileSync(path, stringify(doc, { lineWidth: 0 }));
  }
  return dir;
}

async function timedRun(dir: string): Promise<Run> {
  const server = await startChildServer('emulator-step0');
  const report = join(dir, 'report.json');
  // The bru process reports its own CPU time as it exits.
  const cpu = 'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nbench-cpu-us "+(u.user+u.system)+"\\n")})';
  try {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', cpu, BRU, 'run', '--env', 'local', '--env-var', `baseUrl=${server.url}`, '--env-var', `flashBaseUrl=${server.url}`, '--reporter-json', report], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const wallMs = performance.now() - t;
    const cpuUs = /bench-cpu-us (\d+)/.exec(r.stderr)?.[1];
    if (!cpuUs) throw new Error(`bru run did not finish (${r.status}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
    const s = (JSON.parse(readFileSync(report, 'utf8')) as { summary: { totalRequests: number; totalTests: number; failedTests: number } }[])[0]!.summary;
    return { wallMs, cpuMs: Number(cpuUs) / 1000, requests: s.totalRequests, tests: s.totalTests, failed: s.failedTests };
  } finally {
    await server.stop();
  }
}

export async function benchBruno(): Promise<void> {
  console.log('\nbruno: `bru run` of generated/bruno/ in Bruno\'s safe sandbox vs its floor (same requests, one-line scripts), each against a fresh emulator, one round');
  const full = copyCollection();
  const floor = copyCollection({ before: 'req.disableParsingResponseJson();', tests: "test('answered', function () { expect(res.getStatus()).to.equal(200); });" });
  try {
    const load = loadavg()[0]!;
    const f = await timedRun(floor);
    const c = await timedRun(full);
    if (c.failed > 0) throw new Error(`bru run failed ${c.failed} of ${c.tests} tests against the emulator; its timing would mean nothing`);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    row(`bru run, whole collection (${c.requests} requests, ${c.tests} tests): wall`, `${s(c.wallMs)}  (goal ≤ ${s(GOAL_MS)} on a quiet machine: ${c.wallMs <= GOAL_MS ? 'met' : 'NOT met'})`);
    row('  its CPU time', s(c.cpuMs));
    row(`floor: the same requests (${f.requests}), one-line scripts: wall`, s(f.wallMs));
    row('  its CPU time', s(f.cpuMs));
    row("  Bruno's own cost per script run (floor CPU / 2 per request)", `${(f.cpuMs / f.requests / 2).toFixed(1)} ms`);
    ratioRow('ratio CPU per request, collection / floor', c.cpuMs / c.requests / (f.cpuMs / f.requests), { max: 1.1 });
    row('load average (1 min) when the runs began', `${load.toFixed(2)} on ${availableParallelism()} cores`);
  } finally {
    rmSync(full, { recursive: true, force: true });
    rmSync(floor, { recursive: true, force: true });
  }
}

