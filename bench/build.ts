// asr-contract build against Portman turning the same OpenAPI document into a collection, plus
// the floors any Node build of this contract pays before doing its own work, so the ratio can be
// read against what is reachable at all.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { currentDist } from '../bin/dist-freshness.js';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { compileSpecDir } from '../src/model/compile.js';
import { OUTPUT_FILES, renderOutputs } from '../src/outputs.js';
import { fmt, median, ratioRow, row, timeProcess, timeRuns } from './measure.js';

const RUNS = 5;

// Each floor is a whole `node` process, timed like the CLI. The specs are read with the `yaml`
// package the design prescribes, without source positions (the cheapest way it offers).
const resolveFromPackage = createRequire(join(PACKAGE_ROOT, 'package.json')).resolve;
const moduleUrl = (name: string): string => JSON.stringify(pathToFileURL(resolveFromPackage(name)).href);
const LOAD_COLLECTION = `await import(${moduleUrl('postman-collection')});`;
const PARSE_SPECS =
  `const { parse } = await import(${moduleUrl('yaml')});` +
  " const fs = await import('node:fs'); const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = d + '/' + e.name; if (e.isDirectory()) walk(p); else if (p.endsWith('.yaml')) parse(fs.readFileSync(p, 'utf8')); } }; walk('specs');";
const FLOORS: [string, string][] = [
  ['Node start-up alone', ''],
  ['Node + loading postman-collection (the issue requires it)', LOAD_COLLECTION],
  ['Node + parsing the spec files with yaml, nothing else', PARSE_SPECS],
  ['Node + both: the least any build of these specs can cost', LOAD_COLLECTION + PARSE_SPECS],
];

/**
 * `build --watch` as a user meets it: edit one spec file, wait for the `rebuilt …` line. Returns the
 * medians of the whole wait (debounce included) and of the rebuild itself, as the watcher reports it.
 */
async function warmRebuild(work: string): Promise<{ latency: number; rebuild: number }> {
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'build', '--watch', '--root', work], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const next = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`build --watch printed nothing matching ${pattern} in 60 s`)), 60_000);
      const take = (line: string): void => {
        if (!pattern.test(line)) return void waiting.unshift(take);
        clearTimeout(timer);
        resolve(line);
      };
      waiting.push(take);
    });
  const file = join(work, 'specs/actions/recorded-file/CreateRecTask.yaml');
  const original = readFileSync(file, 'utf8');
  const latencies: number[] = [];
  const rebuilds: number[] = [];
  try {
    await next(/^watching specs\//);
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      writeFileSync(file, original.replace(/^summary: (.*)$/m, `summary: $1 (edit ${i + 1})`));
      const line = await next(/^rebuilt \d+ files? in \d+ ms/);
      latencies.push(performance.now() - t);
      rebuilds.push(Number(/in (\d+) ms/.exec(line)![1]));
    }
  } finally {
    child.kill('SIGINT');
    writeFileSync(file, original);
  }
  return { latency: median(latencies), rebuild: median(rebuilds) };
}

export async function benchBuild(): Promise<void> {
  console.log('\nbuild: cold `asr-contract build` and a warm rebuild under --watch, beside Portman turning the same OpenAPI document into a collection');
  const dist = currentDist(PACKAGE_ROOT);
  row('CLI runs', dist ? 'the bundle in dist/' : 'src/ through tsx (dist/ missing or stale: npm run prepare)');
  const work = mkdtempSync(join(tmpdir(), 'asr-bench-build-'));
  try {
    cpSync(join(PACKAGE_ROOT, 'specs'), join(work, 'specs'), { recursive: true });
    const cli = (env: Record<string, string> = {}) =>
      median(Array.from({ length: RUNS }, () => timeProcess(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'build', '--root', work], PACKAGE_ROOT, env)));
    const ours = cli();
    const viaTsx = cli({ ASR_CONTRACT_NO_DIST: '1' });
    const warm = median(await timeRuns(RUNS, () => renderOutputs(compileSpecDir(work).model!)));
    const floors = FLOORS.map(([label, code]) => [label, median(Array.from({ length: RUNS }, () => timeProcess(process.execPath, ['--input-type=module', '-e', code], work)))] as const);
    row(`asr-contract build, whole CLI process (median of ${RUNS})`, fmt(ours));
    row('  the same through tsx, without dist/', fmt(viaTsx));
    row(`compile + render in process, warm (median of ${RUNS})`, fmt(warm));
    const watched = await warmRebuild(work);
    row(`build --watch: one-file edit to \`rebuilt\` line (median of ${RUNS})`, fmt(watched.latency));
    row('  of which the rebuild itself (compile, render, write)', fmt(watched.rebuild));

    const portmanBin = join(PACKAGE_ROOT, 'node_modules/@apideck/portman/bin/portman');
    if (!existsSync(portmanBin)) {
      row('Portman', 'not installed (npm i -D @apideck/portman) — no ratio');
      return;
    }
    const openapi = join(PACKAGE_ROOT, OUTPUT_FILES.openapiJson);
    const portman = median(
      Array.from({ length: RUNS }, () =>
        timeProcess(process.execPath, [portmanBin, '-l', openapi, '-o', join(work, 'portman.json'), '--portmanConfigFile', join(PACKAGE_ROOT, 'node_modules/@apideck/portman/portman-config.default.json')], work),
      ),
    );
    row(`Portman -l openapi.json -o collection.json, whole CLI process (median of ${RUNS})`, fmt(portman));
    ratioRow('ratio cold asr-contract build / Portman', ours / portman, { max: 0.4 });
    ratioRow('ratio warm rebuild under --watch (the rebuild itself) / Portman', watched.rebuild / portman, { max: 0.1 });
    row('  through tsx / Portman', (viaTsx / portman).toFixed(2));
    console.log('  floors, each a whole node process, as a share of Portman:');
    for (const [label, ms] of floors) row(`  ${label}`, `${fmt(ms)}  (${(ms / portman).toFixed(2)})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
