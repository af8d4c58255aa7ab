// asr-contract test: the contract run. newman over the generated collection, against the
// in-process emulator or --base-url, then a strict second opinion and a per-action table.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contractCases } from '../model/cases.js';
import type { Model } from '../model/types.js';
import { optionsFromEnv } from '../mock/options.js';
import { startEmulator, type Emulator } from '../mock/server.js';
import { OUTPUT_FILES, renderOutputs } from '../outputs.js';
import { reportPaths, REPORTERS, runNewman, type ReporterName } from '../runner/newman-run.js';
import { formatTable, perActionTable, redactFiles } from '../runner/report.js';
import { casesById, selectItems, SelectionError } from '../runner/select.js';
import { emulatorTarget, remoteTarget, TargetError, type Target } from '../runner/target.js';
import { DocumentValidators, OpenApiValidators, secondOpinion } from '../runner/verify.js';
import { runCallbackCases } from '../runner/callback-cases.js';
import type { SurfaceCase } from '../runner/checks.js';
import { runWsCases } from '../runner/ws-cases.js';
import { parse as parseYaml } from 'yaml';
import { compileOrReport } from './compile-or-report.js';
import { UsageError, type Io } from './io.js';

export const TEST_USAGE = `Usage: asr-contract test [--base-url URL] [--folder NAME]... [--reporters cli,junit,json,htmlextra] [--out DIR] [--bail] [--include-mutating]

Runs the contract tests inside generated/asr.postman_collection.json with newman.
  (no --base-url)     start the emulator in-process on a free port and test it
  --base-url URL      test that server; credentials from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY,
                      region from TENCENTCLOUD_REGION (default ap-guangzhou), TENCENTCLOUD_TOKEN if set
  --folder NAME       run only this folder (repeatable), e.g. "Negative cases"
  --reporters LIST    default cli,junit,json; htmlextra writes an HTML report
  --out DIR           where reports go (default reports/contract)
  --bail              stop at the first failure
  --include-mutating  against a non-local server, also run cases that create billable resources
                      or submit recognition work (left out by default)`;

export const SUMMARY_FILE = 'contract-summary.json';

function parseReporters(value: string | undefined): ReporterName[] {
  const list = (value ?? 'cli,junit,json').split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = list.filter((r) => !(REPORTERS as readonly string[]).includes(r));
  if (unknown.length > 0) throw new UsageError(`unknown reporter ${unknown.map((r) => `"${r}"`).join(', ')}; choose from ${REPORTERS.join(', ')}`);
  return [...new Set(list)] as ReporterName[];
}

export async function runTest(argv: string[], io: Io, root: string): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      folder: { type: 'string', multiple: true },
      reporters: { type: 'string' },
      out: { type: 'string' },
      bail: { type: 'boolean' },
      'include-mutating': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const reporters = parseReporters(values.reporters);
  const out = resolve(io.cwd, values.out ?? join('reports', 'contract'));
  const model = compileOrReport(root, io);
  if (!model) return 1;

  const collectionPath = join(root, OUTPUT_FILES.collection);
  if (!existsSync(collectionPath)) {
    io.stderr(`asr-contract test: ${OUTPUT_FILES.collection} is missing; run \`asr-contract build\` first`);
    return 1;
  }
  const onDisk = readFileSync(collectionPath, 'utf8');
  if (onDisk !== renderOutputs(model).get(OUTPUT_FILES.collection)) {
    io.stderr(`warning: ${OUTPUT_FILES.collection} is older than specs/; testing the file as it is (run \`asr-contract build\` to refresh it)`);
  }
  const cases = casesById(contractCases(model));

  let emulator: Emulator | undefined;
  let target: Target;
  try {
    if (values['base-url']) target = remoteTarget(model, values['base-url'], io.env);
    else {
      // Callbacks come quickly here: the run waits for them.
      emulator = await startEmulator(
        model,
        // Example callback URLs point at example.com, which the emulator rightly refuses; only real trouble is worth a line.
        optionsFromEnv(model, {}, { log: (line) => void (line.startsWith('callback ') || io.stderr(line)), callbackDelayMs: 100 }),
        { host: '127.0.0.1', port: 0 },
      );
      target = emulatorTarget(model, emulator.url);
    }
  } catch (e) {
    if (e instanceof TargetError) throw new UsageError(e.message);
    throw e;
  }

  try {
    const includeMutating = target.local || values['include-mutating'] === true;
    let selection;
    try {
      selection = selectItems(JSON.parse(onDisk) as Record<string, unknown>, cases, { folders: values.folder ?? [], includeMutating });
    } catch (e) {
      if (e instanceof SelectionError) throw new UsageError(e.message);
      throw e;
    }
    io.stdout(`asr-contract test: ${selection.requests} cases against ${emulator ? `the emulator at ${target.baseUrl}` : target.baseUrl}`);
    if (selection.skippedMutating > 0) io.stdout(`  left out ${selection.skippedMutating} cases that create billable resources or submit recognition work (add --include-mutating to run them)`);
    else if (!target.local) io.stdout('  --include-mutating: cases that create billable resources or submit recognition work will run');

    const environment = JSON.parse(readFileSync(join(root, target.local && emulator ? OUTPUT_FILES.localEnvironment : OUTPUT_FILES.liveEnvironment), 'utf8')) as { values: { key: string; value: string }[] };
    const overrides: Record<string, string> = { baseUrl: target.baseUrl, ...target.values };
    environment.values = environment.values.map((v) => (v.key in overrides ? { ...v, value: overrides[v.key]! } : v));

    mkdirSync(out, { recursive: true });
    const started = performance.now();
    const summary = await runNewman({ collection: selection.collection, environment, reporters, out, bail: values.bail === true, title: 'ASR contract run', workingDir: root });
    const wallMs = performance.now() - started;
    redactFiles(reportPaths(out, reporters), [target.values.secretKey, target.values.token]);

    const openapi = new OpenApiValidators(JSON.parse(readFileSync(join(root, OUTPUT_FILES.openapiJson), 'utf8')) as Record<string, unknown>);
    const opinion = secondOpinion(summary.run.executions, cases, openapi);

    const surfaces = await runSurfaces(model, root, target, emulator !== undefined, { folders: values.folder ?? [], includeMutating }, openapi, io);
    writeFileSync(join(out, 'surfaces.json'), `${JSON.stringify(surfaces, null, 2)}\n`);
    redactFiles([join(out, 'surfaces.json')], [target.values.secretKey, target.values.token]);
    const rows = mergeSurfaceRows(perActionTable(summary, cases, opinion.findings), surfaces);
    io.stdout('');
    for (const line of formatTable(rows)) io.stdout(line);
    for (const f of opinion.findings) io.stdout(`second opinion: ${f.case}: ${f.problem}`);
    for (const c of surfaces) for (const x of c.checks.filter((k) => !k.ok)) io.stdout(`${c.name}: ${x.name}${x.detail ? `: ${x.detail}` : ''}`);
    const surfaceChecks = surfaces.flatMap((c) => c.checks);
    const surfaceFailed = surfaceChecks.filter((x) => !x.ok).length;

    const total = summary.run.stats.assertions.total ?? 0;
    const failedAssertions = summary.run.stats.assertions.failed ?? 0;
    const passed = total - failedAssertions + opinion.checked - opinion.findings.length + surfaceChecks.length - surfaceFailed;
    const failed = failedAssertions + opinion.findings.length + surfaceFailed;
    // newman counts a script error or a request that never got an answer as a failure, not an assertion.
    const otherFailures = summary.run.failures.filter((f) => f.error.name !== 'AssertionError').length;
    writeSummary(out, model, { passed, failed: failed + otherFailures, assertions: total, secondOpinionChecks: opinion.checked, requests: summary.run.stats.requests.total ?? 0, wallMs: Math.round(wallMs) });
    io.stdout('');
    io.stdout(`${passed} passed, ${failed + otherFailures} failed (${total} assertions in the collection, ${opinion.checked} second-opinion checks, ${surfaceChecks.length} WebSocket and callback checks${otherFailures ? `, ${otherFailures} request or script errors` : ''}) in ${(wallMs / 1000).toFixed(1)} s; reports in ${out}`);
    for (const f of summary.run.failures.filter((x) => x.error.name !== 'AssertionError')) io.stderr(`newman: ${f.source?.name ?? ''}: ${f.error.message}`);
    return failed + otherFailures > 0 ? 1 : 0;
  } finally {
    await emulator?.close();
  }
}

/** The WebSocket and callback cases, where they can run: the emulator always; a remote server only with --include-mutating, and never callbacks (they need a public URL). */
async function runSurfaces(model: Model, root: string, target: Target, local: boolean, opts: { folders: readonly string[]; includeMutating: boolean }, openapi: OpenApiValidators, io: Io): Promise<SurfaceCase[]> {
  if (opts.folders.length > 0) {
    io.stdout('  --folder given: WebSocket and callback cases left out');
    return [];
  }
  const asyncapi = new DocumentValidators(parseYaml(readFileSync(join(root, OUTPUT_FILES.asyncapi), 'utf8')) as Record<string, unknown>);
  const audio = readFileSync(join(root, OUTPUT_FILES.flashAudio));
  const creds = { secretId: target.values.secretId, secretKey: target.values.secretKey, region: target.values.region, appId: target.values.appId };
  const out: SurfaceCase[] = [];
  if (local) {
    out.push(...(await runWsCases(model, { base: target.baseUrl.replace(/^http/, 'ws'), ...creds }, asyncapi, audio)));
    out.push(...(await runCallbackCases(model, target.baseUrl, creds, openapi)));
    return out;
  }
  io.stdout('  callbacks need a public URL to be delivered to: callback cases run against the emulator only');
  const channel = model.channels[0];
  if (!opts.includeMutating || !channel) io.stdout('  WebSocket cases submit recognition work: add --include-mutating to run them');
  else if (!creds.appId) io.stdout('  WebSocket cases need TENCENTCLOUD_APPID: left out');
  else out.push(...(await runWsCases(model, { base: `wss://${channel.host}`, ...creds }, asyncapi, audio)));
  return out;
}

function mergeSurfaceRows(rows: ReturnType<typeof perActionTable>, surfaces: readonly SurfaceCase[]): ReturnType<typeof perActionTable> {
  const extra = new Map<string, { action: string; cases: number; requests: number; assertions: number; failures: number }>();
  for (const c of surfaces) {
    const r = extra.get(c.surface) ?? { action: c.surface, cases: 0, requests: 0, assertions: 0, failures: 0 };
    r.cases++;
    r.requests++;
    r.assertions += c.checks.length;
    r.failures += c.checks.filter((x) => !x.ok).length;
    extra.set(c.surface, r);
  }
  return [...rows, ...[...extra.values()].sort((a, b) => a.action.localeCompare(b.action))];
}

function writeSummary(out: string, model: Model, data: Record<string, number>): void {
  writeFileSync(join(out, SUMMARY_FILE), `${JSON.stringify({ service: model.service.service, version: model.service.version, ...data }, null, 2)}\n`);
}
