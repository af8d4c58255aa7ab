// One report model for every run: the contract run (`asr-contract test`, a shard of it, or the merge
// of shards) and the contract proxy (`asr-contract proxy`, `asr-contract verify`). Every reporter
// (terminal, JUnit, HTML, JSON, job summary) renders this, so all of them tell the same counts.

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** Where a check came from. */
export type CheckSource = 'preflight' | 'collection' | 'second-opinion' | 'websocket' | 'callback' | 'proxy';

export interface CheckResult {
  /** The group a CI dashboard shows it under: an action (`CreateRecTask`) or a surface (`realtime`, `RecTaskCallback`, `preflight`). */
  suite: string;
  /** The case it belongs to: a collection request, a WebSocket session, a proxied exchange. */
  case: string;
  /** What was checked, e.g. `Response is an object with RequestId`. */
  name: string;
  status: CheckStatus;
  /** Why it failed or was skipped, in one line. */
  message?: string;
  /** What came back, a JSON pointer, an ajv error path: whatever helps find the cause. */
  detail?: string;
  durationMs: number;
  source: CheckSource;
}

export interface RunReport {
  title: string;
  /** Where each surface went, as printed before the run. */
  plan: string[];
  durationMs: number;
  checks: CheckResult[];
  /** Set on one shard's report: `--shard index/total`. */
  shard?: { index: number; total: number };
}

export interface Totals {
  tests: number;
  passed: number;
  failed: number;
  skipped: number;
}

export function totals(checks: readonly CheckResult[]): Totals {
  const t: Totals = { tests: checks.length, passed: 0, failed: 0, skipped: 0 };
  for (const c of checks) t[c.status]++;
  return t;
}
