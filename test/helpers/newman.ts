// Runs a collection with newman's programmatic API and resolves with the summary.
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import { loadNewman } from '../../src/runner/load-newman.js';

export function runNewman(options: NewmanRunOptions): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    loadNewman().run({ reporters: [], ...options }, (err, summary) => (err ? reject(err) : resolve(summary)));
  });
}

/** Environment JSON with some values replaced. */
export function withValues<T extends { values: { key: string; value: string }[] }>(env: T, values: Record<string, string>): T {
  return { ...env, values: env.values.map((v) => (v.key in values ? { ...v, value: values[v.key]! } : v)) };
}

/** One line per assertion, as `request | assertion | ok|FAIL`, in run order (newman's summary, or a report in its shape). */
export function newmanTestLines(run: { executions: { item: { name: string }; assertions?: { assertion: string; error?: unknown }[] }[] }): string[] {
  return run.executions.flatMap((e) => (e.assertions ?? []).map((a) => `${e.item.name} | ${a.assertion} | ${a.error ? 'FAIL' : 'ok'}`));
}
