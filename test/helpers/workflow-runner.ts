// Runs a GitHub Actions workflow from the docs the way a runner would, in a project folder on this
// machine, to show it works when copied into a team's repository as it is: jobs in `needs` order, a
// `strategy.matrix` expanded into one run per combination, `run:` steps through bash with `${{ … }}`
// filled in, and `if:` (always(), failure(), success()) honoured. Of the actions it knows, checkout
// and setup-node are the folder and this Node; upload-artifact and download-artifact copy files
// through a folder; any other action is recorded, not run, so a test can check its inputs exist.
// The jobs share one folder, so `npm ci` runs once per workflow run.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { bash } from './doc-run.js';

type Json = Record<string, unknown>;

export interface StepRecord {
  job: string;
  step: string;
  ran: boolean;
  code?: number | null;
  out?: string;
  /** For an action that was not run: its name and inputs. */
  uses?: string;
  with?: Record<string, unknown>;
}

export interface WorkflowRun {
  ok: boolean;
  steps: StepRecord[];
}

function expand(matrix: Json | undefined): Record<string, unknown>[] {
  if (!matrix) return [{}];
  let combos: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(matrix)) {
    if (key === 'include' || key === 'exclude') throw new Error(`matrix ${key} is not supported by this runner`);
    if (!Array.isArray(values)) throw new Error(`matrix.${key} must be a list`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combos;
}

function order(jobs: Record<string, Json>): string[] {
  const done: string[] = [];
  const visit = (name: string, seen: string[]): void => {
    if (done.includes(name)) return;
    if (seen.includes(name)) throw new Error(`jobs need each other: ${[...seen, name].join(' → ')}`);
    const needs = jobs[name]?.needs;
    for (const n of typeof needs === 'string' ? [needs] : ((needs as string[] | undefined) ?? [])) visit(n, [...seen, name]);
    done.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return done;
}

export interface RunOptions {
  /** The folder that stands for the checked-out repository. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Values for `${{ github.X }}`, `${{ secrets.X }}` (absent ones become empty, as on GitHub). */
  github?: Record<string, string>;
  secrets?: Record<string, string>;
}

export async function runWorkflow(yamlText: string, opts: RunOptions): Promise<WorkflowRun> {
  const wf = parseYaml(yamlText) as { jobs?: Record<string, Json> };
  if (!wf.jobs) throw new Error('the workflow has no jobs');
  const artifacts = join(opts.cwd, '..', `artifacts-${Date.now()}`);
  const steps: StepRecord[] = [];
  let ok = true;
  /** The job whose `npm ci` installed the folder, once one has. */
  let installed: string | undefined;
  const jobFailed = new Set<string>();
  for (const jobName of order(wf.jobs)) {
    const job = wf.jobs[jobName]!;
    // A job runs when the jobs it needs succeeded, unless its `if:` says always().
    const needs = typeof job.needs === 'string' ? [job.needs] : ((job.needs as string[] | undefined) ?? []);
    if (needs.some((n) => jobFailed.has(n)) && String(job.if ?? 'success()') !== 'always()') {
      steps.push({ job: jobName, step: '(the job)', ran: false });
      continue;
    }
    const combos = expand((job.strategy as Json | undefined)?.matrix as Json | undefined);
    for (const [index, matrix] of combos.entries()) {
      const label = combos.length > 1 ? `${jobName} (${Object.values(matrix).join(', ')})` : jobName;
      const context: Record<string, string> = {
        ...Object.fromEntries(Object.entries(matrix).map(([k, v]) => [`matrix.${k}`, String(v)])),
        'strategy.job-index': String(index),
        'strategy.job-total': String(combos.length),
        ...Object.fromEntries(Object.entries(opts.github ?? {}).map(([k, v]) => [`github.${k}`, v])),
        ...Object.fromEntries(Object.entries(opts.secrets ?? {}).map(([k, v]) => [`secrets.${k}`, v])),
      };
      const fill = (text: string): string =>
        text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => {
          if (name in context) return context[name]!;
          if (/^(secrets|github|env|vars)\./.test(name)) return '';
          throw new Error(`${label}: the runner cannot fill \${{ ${name} }}`);
        });
      const fillAll = (v: unknown): unknown => (typeof v === 'string' ? fill(v) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, fillAll(x)])) : v);
      let failed = false;
      const jobEnv = Object.fromEntries(Object.entries((job.env as Json | undefined) ?? {}).map(([k, v]) => [k, fill(String(v))]));
      for (const [i, step] of ((job.steps as Json[] | undefined) ?? []).entries()) {
        const name = String(step.name ?? step.run ?? step.uses ?? `step ${i + 1}`).split('\n')[0]!;
        const cond = String(step.if ?? 'success()');
        const runs = cond === 'always()' ? true : cond === 'failure()' ? failed : cond === 'success()' ? !failed : undefined;
        if (runs === undefined) throw new Error(`${label}: the runner does not know the condition ${cond}`);
        if (!runs) {
          steps.push({ job: label, step: name, ran: false });
          continue;
        }
        if (typeof step.run === 'string') {
          // Every job on GitHub starts on a fresh machine and installs; here the jobs share one folder,
          // where a second `npm ci` of the same lockfile would lay down the very same node_modules.
          if (step.run.trim() === 'npm ci' && installed) {
            steps.push({ job: label, step: name, ran: true, code: 0, out: `(the same install as ${installed})` });
            continue;
          }
          const env = { ...opts.env, ...jobEnv, ...Object.fromEntries(Object.entries((step.env as Json | undefined) ?? {}).map(([k, v]) => [k, fill(String(v))])) };
          const r = await bash(`set -e -o pipefail\n${fill(step.run)}`, opts.cwd, env);
          steps.push({ job: label, step: name, ran: true, code: r.code, out: r.out });
          if (r.code !== 0) failed = true;
          else if (step.run.trim() === 'npm ci') installed = label;
          continue;
        }
        const uses = String(step.uses ?? '');
        const inputs = fillAll(step.with ?? {}) as Record<string, unknown>;
        const action = uses.split('@')[0]!;
        if (action === 'actions/upload-artifact') {
          const dest = join(artifacts, String(inputs.name ?? 'artifact'));
          const src = join(opts.cwd, String(inputs.path));
          if (existsSync(src)) cpSync(src, dest, { recursive: true });
        } else if (action === 'actions/download-artifact') {
          const target = join(opts.cwd, String(inputs.path ?? '.'));
          const pattern = inputs.pattern === undefined ? undefined : new RegExp(`^${String(inputs.pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
          const names = existsSync(artifacts) ? readdirSync(artifacts).filter((n) => (inputs.name ? n === inputs.name : !pattern || pattern.test(n))) : [];
          for (const n of names) cpSync(join(artifacts, n), inputs['merge-multiple'] || inputs.name ? target : join(target, n), { recursive: true });
        }
        steps.push({ job: label, step: name, ran: false, uses, with: inputs });
      }
      if (failed) {
        ok = false;
        jobFailed.add(jobName);
      }
    }
  }
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(opts.cwd, { recursive: true });
  return { ok, steps };
}
