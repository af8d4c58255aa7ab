// asr-contract test: the contract run. newman over the generated collection, against the
// in-process emulator or --base-url, then a strict second opinion and a per-action table.
import type { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { contractCases } from '../model/cases.js';
import type { Model } from '../model/types.js';
import { optionsFromEnv } from '../mock/options.js';
import { startEmulator, type Emulator } from '../mock/server.js';
import { OUTPUT_FILES, renderOutputs } from '../outputs.js';
import type { NewmanRunSummary } from 'newman';
import { reportPaths, REPORTERS, runNewman, type ReporterName } from '../runner/newman-run.js';
import { formatTable, perActionTable, redactFiles } from '../runner/report.js';
import { casesById, selectItems, SelectionError, withPollDelay, type LeaveOut, type Selection } from '../runner/select.js';
import { emulatorTarget, isLocal, remoteTarget, TargetError, type Target } from '../runner/target.js';
import { planRun, type RunPlan } from '../runner/plan.js';
import { preflight } from '../runner/preflight.js';
import { attachProgress } from '../runner/progress.js';
import { DocumentValidators, OpenApiValidators, secondOpinion } from '../runner/verify.js';
import { runCallbackCases } from '../runner/callback-cases.js';
import type { SurfaceCase } from '../runner/checks.js';
import { runWsCases } from '../runner/ws-cases.js';
import { parse as parseYaml } from 'yaml';
import { compileOrReport } from './compile-or-report.js';
import { UsageError, type Io } from './io.js';
import { outputDir } from './paths.js';
import { describeProject, type ContractProject } from '../project/resolve.js';

export const TEST_USAGE = `Usage: asr-contract test [--base-url URL [--flash-base-url URL] [--ws-base-url URL]] [--folder NAME]...
                         [--reporters progress,junit,json] [--out DIR] [--bail] [--include-mutating]

Runs the contract tests inside generated/asr.postman_collection.json with newman, then the WebSocket and
callback cases. Before anything is sent it prints where each surface goes, and checks with one read-only
call that the target is an API 3.0 server accepting the credentials (exit 2 if not).
  (no --base-url)       start the emulator in-process on a free port and test it
  --base-url URL        test that server. Flash and the WebSockets go to the same origin, except on
                        Tencent's own API 3.0 hosts, which do not serve them: there they are left out
                        unless named with the two flags below. No other host is ever contacted.
  --flash-base-url URL  where flash recognition goes (live: https://asr.cloud.tencent.com)
  --ws-base-url URL     where the WebSockets go (live: wss://asr.cloud.tencent.com)
  --folder NAME         run only this folder (repeatable), e.g. "Negative cases"
  --reporters LIST      default progress,junit,json. progress: a line per folder and every failure;
                        cli: newman's line per request; htmlextra: an HTML report
  --out DIR             where reports go (default reports/contract)
  --bail                stop at the first failure
  --include-mutating    against a server that is not on this machine, also run cases that create billable
                        resources or submit recognition work (left out by default)

Credentials: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_TOKEN) when set; otherwise,
against this machine only, the emulator's local test pair. Region: TENCENTCLOUD_REGION (default
ap-guangzhou). AppId: TENCENTCLOUD_APPID (the local pair's AppId against this machine).
Exit codes: 0 all passed, 1 a check failed, 2 the run could not start (usage, unreachable target).`;

export const SUMMARY_FILE = 'contract-summary.json';

function parseReporters(value: string | undefined): ReporterName[] {
  const list = (value ?? 'progress,junit,json').split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = list.filter((r) => !(REPORTERS as readonly string[]).includes(r));
  if (unknown.length > 0) throw new UsageError(`unknown reporter ${unknown.map((r) => `"${r}"`).join(', ')}; choose from ${REPORTERS.join(', ')}`);
  return [...new Set(list)] as ReporterName[];
}

export async function runTest(argv: string[], io: Io, project: ContractProject): Promise<number> {
  const root = project.root;
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'flash-base-url': { type: 'string' },
      'ws-base-url': { type: 'string' },
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
  const out = outputDir(io.cwd, values.out ?? join('reports', 'contract'), '--out');
  const model = compileOrReport(root, io);
  if (!model) return 1;
  const flags = { baseUrl: values['base-url'], flashBaseUrl: values['flash-base-url'], wsBaseUrl: values['ws-base-url'] };
  const named = flags.baseUrl !== undefined || flags.flashBaseUrl !== undefined || flags.wsBaseUrl !== undefined;
  // Flags are checked before anything starts, so a mistake costs no emulator and sends nothing.
  let target: Target | undefined;
  try {
    if (named) target = remoteTarget(model, flags, io.env);
  } catch (e) {
    if (e instanceof TargetError) throw new UsageError(e.message);
    throw e;
  }

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
  const folders = values.folder ?? [];
  const includeMutating = values['include-mutating'] === true;

  let selection: Selection;
  try {
    // Checked against the collection before the emulator starts: a wrong folder name is a usage error.
    selection = selectItems(JSON.parse(onDisk) as Record<string, unknown>, cases, { folders });
  } catch (e) {
    if (e instanceof SelectionError) throw new UsageError(e.message);
    throw e;
  }

  let emulator: Emulator | undefined;
  if (!target) {
    // Callbacks come quickly here: the run waits for them. Example callback URLs point at hosts
    // the emulator rightly refuses; only real trouble is worth a line.
    // Its tasks advance one documented state per read (step 0), so the polls below need no wait.
    emulator = await startEmulator(model, optionsFromEnv(model, {}, { log: (line) => void (line.startsWith('callback ') || io.stderr(line)), callbackDelayMs: 100, stepMs: 0 }), { host: '127.0.0.1', port: 0 });
    target = emulatorTarget(model, emulator.url);
  }

  try {
    const t = target;
    const leaveOut: LeaveOut = (c) => {
      if (c?.endpoint && !t.flashBaseUrl) return `flash: ${t.leftOut.flash}`;
      const surfaceUrl = c?.endpoint ? t.flashBaseUrl : t.baseUrl;
      if (c?.mutating && !includeMutating && !isLocal(surfaceUrl)) return 'they create billable resources or submit recognition work (add --include-mutating to run them)';
      return undefined;
    };
    const parsed = JSON.parse(onDisk) as Record<string, unknown>;
    const chosen = selectItems(t.emulator ? withPollDelay(parsed, 0) : parsed, cases, { folders, leaveOut });
    selection = chosen;
    const plan = planRun(model, t, { folders, includeMutating });
    io.stdout(`asr-contract test: ${selection.requests} cases of ${describeProject(project, io.cwd)}; where each surface goes:`);
    for (const line of plan.lines) io.stdout(line);
    for (const [reason, n] of selection.leftOut) io.stdout(`  left out ${n} case${n === 1 ? '' : 's'}: ${reason}`);

    const problem = await preflight(model, t);
    if (problem) {
      io.stderr(`asr-contract test: ${problem}`);
      io.stderr('nothing was run.');
      return 2;
    }

    const environment = JSON.parse(readFileSync(join(root, t.credentials === 'local-pair' ? OUTPUT_FILES.localEnvironment : OUTPUT_FILES.liveEnvironment), 'utf8')) as { values: { key: string; value: string }[] };
    const overrides: Record<string, string> = { baseUrl: t.baseUrl, flashBaseUrl: t.flashBaseUrl ?? t.baseUrl, ...t.values };
    environment.values = environment.values.map((v) => (v.key in overrides ? { ...v, value: overrides[v.key]! } : v));

    mkdirSync(out, { recursive: true });
    const started = performance.now();
    const summary = await runNewman({
      collection: selection.collection,
      environment,
      reporters,
      out,
      bail: values.bail === true,
      title: 'ASR contract run',
      workingDir: root,
      ...(reporters.includes('progress') ? { onStart: (run: EventEmitter) => attachProgress(run, chosen.collection, io.stdout) } : {}),
    });
    const wallMs = performance.now() - started;
    const secrets = [t.values.secretKey, t.values.token];
    redactFiles(reportPaths(out, reporters), secrets);

    const openapi = new OpenApiValidators(JSON.parse(readFileSync(join(root, OUTPUT_FILES.openapiJson), 'utf8')) as Record<string, unknown>);
    const opinion = secondOpinion(summary.run.executions, cases, openapi);

    const surfaces = await runSurfaces(model, root, t, plan, openapi);
    writeFileSync(join(out, 'surfaces.json'), `${JSON.stringify(surfaces, null, 2)}\n`);
    redactFiles([join(out, 'surfaces.json')], secrets);
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
    const other = unassertedFailures(summary);
    const failed = failedAssertions + opinion.findings.length + surfaceFailed + other.length;
    writeSummary(out, model, { passed, failed, assertions: total, secondOpinionChecks: opinion.checked, requests: summary.run.stats.requests.total ?? 0, wallMs: Math.round(wallMs) });
    io.stdout('');
    io.stdout(`${passed} passed, ${failed} failed (${total} assertions in the collection, ${opinion.checked} second-opinion checks, ${surfaceChecks.length} WebSocket and callback checks${other.length ? `, ${other.length} request or script errors` : ''}) in ${(wallMs / 1000).toFixed(1)} s; reports in ${out}`);
    for (const f of other) io.stderr(`newman: ${f.source?.name ?? ''}: ${f.error.message}`);
    return failed > 0 ? 1 : 0;
  } finally {
    await emulator?.close();
  }
}

/**
 * newman failures that no assertion counted: script errors, and request errors of requests whose test
 * script recorded nothing. A request that got no answer already has its one failing assertion
 * (the collection's "an API 3.0 answer" test); counting its request error too would say it twice.
 */
function unassertedFailures(summary: NewmanRunSummary): NewmanRunSummary['run']['failures'] {
  const asserted = new Set(summary.run.executions.filter((ex) => (ex.assertions ?? []).length > 0).map((ex) => ex.item.id));
  return summary.run.failures.filter((f) => f.error.name !== 'AssertionError' && !(f.at === 'request' && asserted.has(f.source?.id ?? '')));
}

/** The WebSocket and callback cases, where the plan sends them. */
async function runSurfaces(model: Model, root: string, target: Target, plan: RunPlan, openapi: OpenApiValidators): Promise<SurfaceCase[]> {
  const creds = { secretId: target.values.secretId, secretKey: target.values.secretKey, region: target.values.region, appId: target.values.appId, token: target.values.token };
  const out: SurfaceCase[] = [];
  if (plan.ws) {
    const asyncapi = new DocumentValidators(parseYaml(readFileSync(join(root, OUTPUT_FILES.asyncapi), 'utf8')) as Record<string, unknown>);
    out.push(...(await runWsCases(model, { base: plan.ws, ...creds }, asyncapi, readFileSync(join(root, OUTPUT_FILES.flashAudio)))));
  }
  if (plan.callbacks) out.push(...(await runCallbackCases(model, target.baseUrl, creds, openapi)));
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
