// The CI workflow that `asr-contract init` writes into a team's repository (and that the README
// shows): a matrix of shard jobs and a report job that merges them. It must work copied as
// it is: only `npm ci` and `npx asr-contract …`, shard numbers that fit the matrix, and a merge
// command that reads what the shard jobs upload, where download-artifact puts it. GitHub's own
// workflow parser (@actions/workflow-parser, what the Actions editor tooling uses) reads it too.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { serializeReport } from '../../src/report/json.js';
import { parseShard } from '../../src/runner/shard.js';
import { runCli } from '../helpers/cli.js';

const TEMPLATE = readFileSync(join(PACKAGE_ROOT, 'src/init/templates/asr-contract.yml'), 'utf8');

interface Step {
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix: { shard: number[] } };
  steps: Step[];
}
const workflow = parse(TEMPLATE) as { jobs: Record<string, Job> };
const jobs = Object.values(workflow.jobs);
const shardJob = jobs.find((j) => j.strategy)!;
const reportJob = jobs.find((j) => j.needs)!;
const runs = (job: Job): string[] => job.steps.flatMap((s) => (s.run ? [s.run] : []));
const uses = (job: Job, action: string): Step => job.steps.find((s) => s.uses?.startsWith(action))!;

const dir = mkdtempSync(join(tmpdir(), 'asr-ci-workflow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CI workflow init writes', () => {
  test('the README shows it exactly, as a workflow the docs tests run', () => {
    expect(readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8')).toContain(`<!-- run: workflow -->\n\`\`\`yaml\n${TEMPLATE}\`\`\``);
  });

  test("GitHub's own workflow parser reads it without an error, with its two jobs", async () => {
    const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');
    const parsed = parseWorkflow({ name: '.github/workflows/asr-contract.yml', content: TEMPLATE }, new NoOperationTraceWriter());
    expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(template.jobs.map((j) => j.id.value)).toEqual(Object.keys(workflow.jobs));
  });

  test('runs nothing but npm ci and npx asr-contract: no script of this repository', () => {
    for (const r of jobs.flatMap(runs)) expect(r, r).toMatch(/^(npm ci|npx asr-contract (build --check|test|merge-reports)\b)/);
  });

  test('each job of the matrix runs a shard that fits the matrix, and uploads its reports even when it fails', () => {
    const shards = shardJob.strategy!.matrix.shard;
    expect(shards.length).toBeGreaterThan(1);
    expect(shardJob.strategy!['fail-fast']).toBe(false);
    const test_ = runs(shardJob).find((r) => r.startsWith('npx asr-contract test'))!;
    expect(test_).toContain('--shard ${{ matrix.shard }}/${{ strategy.job-total }}');
    for (const k of shards) expect(parseShard(`${k}/${shards.length}`)).toEqual({ index: k, total: shards.length });
    const out = /--out (\S+)/.exec(test_)![1];
    const upload = uses(shardJob, 'actions/upload-artifact');
    expect(upload.if).toBe('always()');
    expect(upload.with).toEqual({ name: 'contract-shard-${{ matrix.shard }}', path: out });
  });

  test('the report job runs after every shard, even failed ones, merges, annotates from the merged JUnit, and uploads the merged report', () => {
    expect(reportJob.needs).toBe(Object.keys(workflow.jobs).find((k) => workflow.jobs[k] === shardJob));
    expect(reportJob.if).toBe('always()');
    const download = uses(reportJob, 'actions/download-artifact');
    expect(download.with).toEqual({ pattern: 'contract-shard-*', path: 'reports/shards' });
    const merge = runs(reportJob).find((r) => r.startsWith('npx asr-contract merge-reports'))!;
    expect(merge).toMatch(/^npx asr-contract merge-reports reports\/shards\/\* --out reports\/contract /);
    expect(uses(reportJob, 'mikepenz/action-junit-report')).toMatchObject({ if: 'always()', with: { report_paths: 'reports/contract/junit.xml' } });
    expect(uses(reportJob, 'actions/upload-artifact')).toMatchObject({ if: 'always()', with: { path: 'reports/contract' } });
  });

  test('its merge command, run where download-artifact puts the shards, writes the JUnit file the annotation step reads', async () => {
    // download-artifact@v4 with a pattern puts each artifact in a folder named after it.
    const shards = shardJob.strategy!.matrix.shard;
    const names: string[] = [];
    for (const k of shards) {
      const folder = join('reports/shards', `contract-shard-${k}`);
      mkdirSync(join(dir, folder), { recursive: true });
      const report = { title: 'ASR contract run', plan: [], durationMs: 10, shard: { index: k, total: shards.length }, checks: [{ suite: 'preflight', case: 'DescribeAsyncRecognitionTasks', name: 'answers', status: 'passed' as const, durationMs: 1, source: 'preflight' as const }, { suite: `Action${k}`, case: 'c', name: 'n', status: 'passed' as const, durationMs: 1, source: 'collection' as const }] };
      writeFileSync(join(dir, folder, 'run-report.json'), serializeReport(report));
      names.push(folder);
    }
    const merge = runs(reportJob).find((r) => r.startsWith('npx asr-contract merge-reports'))!;
    // The shell expands reports/shards/* in name order.
    const argv = merge.replace(/^npx asr-contract /, '').split(' ').flatMap((a) => (a === 'reports/shards/*' ? names.sort() : [a]));
    const r = await runCli(argv, {}, dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'reports/contract/junit.xml'), 'utf8')).toContain(`tests="${shards.length + 1}" failures="0"`);
  });
});
