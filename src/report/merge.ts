// Joins the run reports of a run's shards (`asr-contract test --shard K/N`) into the report of the
// whole run. Every check of every shard is kept, in shard order. Each shard checks its own target
// before it starts: those identical preflight checks count once, as in an unsplit run. A shard
// whose report is missing is a failed check, so a crashed CI job can never make the merge green.
import type { CheckResult, RunReport } from './model.js';

export class MergeError extends Error {}

const key = (c: CheckResult): string => JSON.stringify([c.suite, c.case, c.name, c.status]);

export function mergeReports(reports: readonly RunReport[], names: readonly string[] = reports.map((_r, i) => `report ${i + 1}`)): RunReport {
  if (reports.length === 0) throw new MergeError('no run reports to merge');
  const sharded = reports.filter((r) => r.shard);
  if (sharded.length > 0 && sharded.length < reports.length) {
    const whole = reports.findIndex((r) => !r.shard);
    throw new MergeError(`${names[whole]} is a whole run, the others are shards; merge the shards of one run`);
  }
  const total = sharded[0]?.shard?.total;
  const order = reports.map((r, i) => ({ r, name: names[i]! }));
  if (total !== undefined) {
    const seen = new Map<number, string>();
    for (const { r, name } of order) {
      if (r.shard!.total !== total) throw new MergeError(`${name} is shard ${r.shard!.index}/${r.shard!.total}, but ${order[0]!.name} is of ${total} shards`);
      const before = seen.get(r.shard!.index);
      if (before) throw new MergeError(`${before} and ${name} are both shard ${r.shard!.index}/${total}`);
      seen.set(r.shard!.index, name);
    }
    order.sort((a, b) => a.r.shard!.index - b.r.shard!.index);
  }

  const checks: CheckResult[] = [];
  const preflights = new Set<string>();
  for (const { r } of order) {
    for (const c of r.checks) {
      if (c.source === 'preflight') {
        if (preflights.has(key(c))) continue;
        preflights.add(key(c));
      }
      checks.push(c);
    }
  }
  if (total !== undefined) {
    const present = new Set(order.map(({ r }) => r.shard!.index));
    for (let i = 1; i <= total; i++) {
      if (present.has(i)) continue;
      checks.push({ suite: 'shards', case: `shard ${i}/${total}`, name: 'its run report is among the merged reports', status: 'failed', message: `no report of shard ${i}/${total}: its job failed before writing one, or its folder was not passed to merge-reports`, durationMs: 0, source: 'merge' });
    }
  }

  const first = order[0]!.r;
  const starts = order.map(({ r }) => r.startedAt).filter((s): s is string => s !== undefined).sort();
  const requests = order.every(({ r }) => r.requests !== undefined) ? order.reduce((n, { r }) => n + r.requests!, 0) : undefined;
  return {
    title: first.title,
    plan: order.length === 1 ? first.plan : order.flatMap(({ r, name }) => [`${r.shard ? `shard ${r.shard.index}/${r.shard.total}` : name}:`, ...r.plan]),
    durationMs: order.reduce((n, { r }) => n + r.durationMs, 0),
    ...(starts[0] ? { startedAt: starts[0] } : {}),
    checks,
    ...(requests !== undefined ? { requests } : {}),
    ...(first.about !== undefined ? { about: first.about } : {}),
  };
}
