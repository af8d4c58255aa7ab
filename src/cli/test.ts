// asr-contract test: the contract run. newman over the generated collection, against the
// in-process emulator or --base-url, then a strict second opinion, the WebSocket and callback cases,
// and one RunReport that every report and the printed summary are rendered from.
import type { EventEmitter } from 'node:events';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { contractCases } from '../model/cases.js';
import type { Model } from '../model/types.js';
import { optionsFromEnv } from '../mock/options.js';
import { startEmulator, type Emulator } from '../mock/server.js';
import { OUTPUT_FILES, renderOutputs } from '../outputs.js';
import type { CheckResult, RunReport } from '../report/model.js';
import { redactor, redactReport } from '../report/redact.js';
import { NEWMAN_JSON_FILE, runNewman, type NewmanReporter } from '../runner/newman-run.js';
import { casesById, selectItems, SelectionError, withPollDelay, type LeaveOut } from '../runner/select.js';
import { emulatorTarget, isLocal, remoteTarget, TargetError, type Target } from '../runner/target.js';
import { planRun, type RunPlan } from '../runner/plan.js';
import { preflightCheck } from '../runner/preflight.js';
import { attachProgress } from '../runner/progress.js';
import { DocumentValidators, OpenApiValidators } from '../runner/verify.js';
import { runCallbackCases } from '../runner/callback-cases.js';
import { surfaceChecks, type SurfaceCase } from '../runner/checks.js';
import { collectionChecks, timeItems } from '../runner/collection-checks.js';
import { leftOutChecks, leftOutSurfaces } from '../runner/left-out.js';
import { redactFiles } from '../runner/redact-files.js';
import { assignUnits, callbackKey, callbackUnit, collectionUnits, keepUnits, parseShard, ShardError, webSocketKey, webSocketUnit, type Shard } from '../runner/shard.js';
import { runWsCases, sessionsOf } from '../runner/ws-cases.js';
import { parse as parseYaml } from 'yaml';
import { compileOrReport } from './compile-or-report.js';
import { UsageError, type Io } from './io.js';
import { outputDir } from './paths.js';
import { fileFormats, finishReport, parseReporters, saveReport } from './report-output.js';
import { describeProject, type ContractProject } from '../project/resolve.js';

export const TEST_USAGE = `Usage: asr-contract test [--base-url URL [--flash-base-url URL] [--ws-base-url URL]] [--folder NAME]...
                         [--reporters LIST] [--out DIR] [--shard K/N] [--bail] [--include-mutating]

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
  --reporters LIST      comma-separated; default progress,junit,json, plus summary when $GITHUB_STEP_SUMMARY
                        is set. Every file report counts the same checks (each assertion, second-opinion,
                        WebSocket, callback and preflight check):
                          progress  a line per folder and every failure, as the run goes
                          cli       newman's own line per request
                          junit     junit.xml, a testsuite per action or surface, a testcase per check
                          json      newman.json, newman's own record of the requests
                          html      report.html, self-contained (works offline); htmlextra is the old name
                          summary   summary.md, appended to $GITHUB_STEP_SUMMARY when that is set
                          ctrf      ctrf.json, the Common Test Report Format
                        run-report.json (what merge-reports reads) and contract-summary.json are always written.
  --out DIR             where reports go (default reports/contract)
  --shard K/N           run the K-th of N shares of the cases (e.g. 2/3), for a CI job matrix. Folders and
                        lifecycles are never split; merge the shards' folders with asr-contract merge-reports
  --bail                stop at the first failure
  --include-mutating    against a server that is not on this machine, also run cases that create billable
                        resources or submit recognition work (left out by default)

Credentials: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_TOKEN) when set; otherwise,
against this machine only, the emulator's local test pair. Region: TENCENTCLOUD_REGION (default
ap-guangzhou). AppId: TENCENTCLOUD_APPID (the local pair's AppId against this machine). Output and reports
show the SecretId only by its last 4 characters, and the key and token never.
Exit codes: 0 all passed, 1 a check failed, 2 the run could not start (usage, unreachable target).`;

const REPORTERS = ['progress', 'cli', 'json', 'junit', 'html', 'summary', 'ctrf'] as const;
type Reporter = (typeof REPORTERS)[number];
const NEWMAN_REPORTERS: readonly NewmanReporter[] = ['cli', 'json'];
const TITLE = 'ASR contract run';

export async function runTest(argv: string[], rawIo: Io, project: ContractProject): Promise<number> {
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
      shard: { type: 'string' },
      bail: { type: 'boolean' },
      'include-mutating': { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  const reporters = parseReporters<Reporter>(values.reporters, REPORTERS, ['progress', 'junit', 'json'], rawIo.env);
  let shard: Shard | undefined;
  try {
    if (values.shard !== undefined) shard = parseShard(values.shard);
  } catch (e) {
    if (e instanceof ShardError) throw new UsageError(e.message);
    throw e;
  }
  const out = outputDir(rawIo.cwd, values.out ?? join('reports', 'contract'), '--out');
  const model = compileOrReport(root, rawIo);
  if (!model) return 1;
  const flags = { baseUrl: values['base-url'], flashBaseUrl: values['flash-base-url'], wsBaseUrl: values['ws-base-url'] };
  const named = flags.baseUrl !== undefined || flags.flashBaseUrl !== undefined || flags.wsBaseUrl !== undefined;
  // Flags are checked before anything starts, so a mistake costs no emulator and sends nothing.
  let target: Target | undefined;
  try {
    if (named) target = remoteTarget(model, flags, rawIo.env);
  } catch (e) {
    if (e instanceof TargetError) throw new UsageError(e.message);
    throw e;
  }
  // Every line printed from here on shows the SecretId only in part, and the key and token never.
  const local = model.service.local;
  const creds = target?.values ?? { secretId: local.secretId, secretKey: local.secretKey, token: '' };
  const redact = redactor({ secretId: creds.secretId, secrets: [creds.secretKey, creds.token] });
  const io: Io = { ...rawIo, stdout: (l) => rawIo.stdout(redact(l)), stderr: (l) => rawIo.stderr(redact(l)) };

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
  const parsed = JSON.parse(onDisk) as Record<string, unknown>;

  let picked: Record<string, unknown>;
  try {
    // Checked against the collection before the emulator starts: a wrong folder name is a usage error.
    picked = selectItems(parsed, cases, { folders }).collection;
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
    const plan = planRun(model, t, { folders, includeMutating });
    const share = shareOf(model, t.emulator ? withPollDelay(picked, 0) : picked, plan, shard);
    const selection = selectItems(share.collection, cases, { folders: [], leaveOut });
    const where = shard ? `shard ${shard.index}/${shard.total} (${share.units} of ${share.allUnits} units): ${selection.requests} cases` : `${selection.requests} cases`;
    io.stdout(`asr-contract test: ${where} of ${describeProject(project, io.cwd)}; where each surface goes:`);
    for (const line of plan.lines) io.stdout(line);
    for (const [reason, n] of selection.leftOut) io.stdout(`  left out ${n} case${n === 1 ? '' : 's'}: ${reason}`);

    const startedAt = new Date().toISOString();
    const started = performance.now();
    const formats = fileFormats(reporters);
    const report = (checks: CheckResult[], requests?: number): RunReport =>
      redactReport({ title: TITLE, plan: plan.lines, durationMs: performance.now() - started, startedAt, checks, ...(shard ? { shard } : {}), ...(requests !== undefined ? { requests } : {}), ...aboutOf(parsed) }, redact);

    mkdirSync(out, { recursive: true });
    const pre = await preflightCheck(model, t);
    if (pre.problem) {
      io.stderr(`asr-contract test: ${pre.problem}`);
      io.stderr('nothing was run.');
      saveReport(report([pre.check]), out, formats, io);
      return 2;
    }

    const checks: CheckResult[] = [pre.check];
    const openapi = new OpenApiValidators(JSON.parse(readFileSync(join(root, OUTPUT_FILES.openapiJson), 'utf8')) as Record<string, unknown>);
    let requests = 0;
    if (selection.requests > 0) {
      const environment = JSON.parse(readFileSync(join(root, t.credentials === 'local-pair' ? OUTPUT_FILES.localEnvironment : OUTPUT_FILES.liveEnvironment), 'utf8')) as { values: { key: string; value: string }[] };
      const overrides: Record<string, string> = { baseUrl: t.baseUrl, flashBaseUrl: t.flashBaseUrl ?? t.baseUrl, ...t.values };
      environment.values = environment.values.map((v) => (v.key in overrides ? { ...v, value: overrides[v.key]! } : v));
      let times: Map<string, number> = new Map();
      const onStart = (run: EventEmitter): void => {
        times = timeItems(run);
        if (reporters.includes('progress')) attachProgress(run, selection.collection, io.stdout);
      };
      const summary = await runNewman({ collection: selection.collection, environment, reporters: NEWMAN_REPORTERS.filter((r) => reporters.includes(r)), out, bail: values.bail === true, workingDir: root, redact, onStart });
      // newman's JSON copies the environment and every signed request: masked like everything else.
      if (reporters.includes('json')) redactFiles([join(out, NEWMAN_JSON_FILE)], redact);
      checks.push(...collectionChecks(summary, cases, openapi, times));
      requests = summary.run.stats.requests.total ?? 0;
    }
    checks.push(...leftOutChecks(selection.leftOutItems, cases));
    checks.push(...surfaceChecks(await runSurfaces(model, root, t, plan, openapi, share.has)));
    checks.push(...leftOutSurfaces(share.channels.filter((c) => share.has(webSocketKey(c))), share.callbacks.filter((c) => share.has(callbackKey(c))), plan.skipped));
    return finishReport(report(checks, requests), out, formats, io);
  } finally {
    await emulator?.close();
  }
}

/** The collection's description (markdown), for the HTML report. */
function aboutOf(collection: Record<string, unknown>): { about?: string } {
  const d = (collection.info as { description?: unknown } | undefined)?.description;
  const text = typeof d === 'string' ? d : typeof (d as { content?: unknown } | undefined)?.content === 'string' ? (d as { content: string }).content : undefined;
  return text ? { about: text } : {};
}

/** This run's share: all of it, or with --shard the units assigned to shard K. */
function shareOf(model: Model, collection: Record<string, unknown>, plan: RunPlan, shard: Shard | undefined) {
  const channels = plan.ws || plan.skipped.ws ? model.channels.filter((c) => c.emulator) : [];
  const callbacks = plan.callbacks || plan.skipped.callbacks ? model.callbacks : [];
  const units = [...collectionUnits(collection), ...channels.map((c) => webSocketUnit(c.name, sessionsOf(c))), ...callbacks.map((c) => callbackUnit(c.name))];
  const assigned = shard ? assignUnits(units, shard.total) : undefined;
  const mine = new Set(units.filter((u) => !assigned || assigned.get(u.key) === shard!.index).map((u) => u.key));
  return {
    collection: assigned ? keepUnits(collection, mine) : collection,
    has: (key: string): boolean => mine.has(key),
    units: mine.size,
    allUnits: units.length,
    channels: channels.map((c) => c.name),
    callbacks: callbacks.map((c) => c.name),
  };
}

/** The WebSocket and callback cases, where the plan sends them, for the units of this share. */
async function runSurfaces(model: Model, root: string, target: Target, plan: RunPlan, openapi: OpenApiValidators, has: (key: string) => boolean): Promise<SurfaceCase[]> {
  const creds = { secretId: target.values.secretId, secretKey: target.values.secretKey, region: target.values.region, appId: target.values.appId, token: target.values.token };
  const out: SurfaceCase[] = [];
  if (plan.ws) {
    const asyncapi = new DocumentValidators(parseYaml(readFileSync(join(root, OUTPUT_FILES.asyncapi), 'utf8')) as Record<string, unknown>);
    out.push(...(await runWsCases(model, { base: plan.ws, ...creds }, asyncapi, readFileSync(join(root, OUTPUT_FILES.flashAudio)), (c) => has(webSocketKey(c)))));
  }
  if (plan.callbacks) out.push(...(await runCallbackCases(model, target.baseUrl, creds, openapi, (c) => has(callbackKey(c)))));
  return out;
}
