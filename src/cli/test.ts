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
import { OpenApiValidators, secondOpinion } from '../runner/verify.js';
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
      emulator = await startEmulator(model, optionsFromEnv(model, {}, { log: io.stderr }), { host: '127.0.0.1', port: 0 });
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
    const summary = await runNewman({ collection: selection.collection, environment, reporters, out, bail: values.bail === true, title: 'ASR contract run' });
    const wallMs = performance.now() - started;
    redactFiles(reportPaths(out, reporters), [target.values.secretKey, target.values.token]);

    const openapi = JSON.parse(readFileSync(join(root, OUTPUT_FILES.openapiJson), 'utf8')) as Record<string, unknown>;
    const opinion = secondOpinion(summary.run.executions, cases, new OpenApiValidators(openapi));
    const rows = perActionTable(summary, cases, opinion.findings);
    io.stdout('');
    for (const line of formatTable(rows)) io.stdout(line);
    for (const f of opinion.findings) io.stdout(`second opinion: ${f.case}: ${f.problem}`);

    const total = summary.run.stats.assertions.total ?? 0;
    const failedAssertions = summary.run.stats.assertions.failed ?? 0;
    const passed = total - failedAssertions + opinion.checked - opinion.findings.length;
    const failed = failedAssertions + opinion.findings.length;
    // newman counts a script error or a request that never got an answer as a failure, not an assertion.
    const otherFailures = summary.run.failures.filter((f) => f.error.name !== 'AssertionError').length;
    writeSummary(out, model, { passed, failed: failed + otherFailures, assertions: total, secondOpinionChecks: opinion.checked, requests: summary.run.stats.requests.total ?? 0, wallMs: Math.round(wallMs) });
    io.stdout('');
    io.stdout(`${passed} passed, ${failed + otherFailures} failed (${total} assertions in the collection, ${opinion.checked} second-opinion checks${otherFailures ? `, ${otherFailures} request or script errors` : ''}) in ${(wallMs / 1000).toFixed(1)} s; reports in ${out}`);
    for (const f of summary.run.failures.filter((x) => x.error.name !== 'AssertionError')) io.stderr(`newman: ${f.source?.name ?? ''}: ${f.error.message}`);
    return failed + otherFailures > 0 ? 1 : 0;
  } finally {
    await emulator?.close();
  }
}

function writeSummary(out: string, model: Model, data: Record<string, number>): void {
  writeFileSync(join(out, SUMMARY_FILE), `${JSON.stringify({ service: model.service.service, version: model.service.version, ...data }, null, 2)}\n`);
}
