// One report model for every run: the contract run (`asr-contract test`, a shard of it, or the merge
// of shards) and the contract proxy (`asr-contract proxy`, `asr-contract verify`). Every reporter
// (terminal, JUnit, HTML, JSON, CTRF, job summary) renders this, so all of them tell the same counts.

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** Where a check came from. */
/** `merge`: a check that merge-reports adds itself (a shard whose report is missing). */
export type CheckSource = 'preflight' | 'collection' | 'second-opinion' | 'websocket' | 'callback' | 'proxy' | 'merge';

export const CHECK_SOURCES: readonly CheckSource[] = ['preflight', 'collection', 'second-opinion', 'websocket', 'callback', 'proxy', 'merge'];

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
  /** Wall-clock time of the run; for a merge of shards, the shards' times added up. */
  durationMs: number;
  /** When the run started (ISO 8601); for a merge, the earliest shard's start. */
  startedAt?: string;
  checks: CheckResult[];
  /** Set on one shard's report: `--shard index/total`. */
  shard?: { index: number; total: number };
  /** HTTP requests sent by the collection (polls count each time); not a check, shown beside the counts. */
  requests?: number;
  /** Markdown about what was checked (the collection's description); the HTML report renders it. */
  about?: string;
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

export interface Suite {
  name: string;
  checks: CheckResult[];
  /** Distinct cases among its checks. */
  cases: number;
  totals: Totals;
  /** Its checks' times added up. */
  durationMs: number;
}

// The preflight comes first, as it ran first; the rest by name, compared by code unit so that the
// order never depends on the machine's locale.
const suiteOrder = (a: string, b: string): number => (a === 'preflight' ? -1 : b === 'preflight' ? 1 : a < b ? -1 : a > b ? 1 : 0);

/** Checks grouped by suite, in a stable order; checks keep their run order inside a suite. */
export function suitesOf(checks: readonly CheckResult[]): Suite[] {
  const groups = new Map<string, CheckResult[]>();
  for (const c of checks) {
    const list = groups.get(c.suite);
    if (list) list.push(c);
    else groups.set(c.suite, [c]);
  }
  return [...groups.keys()].sort(suiteOrder).map((name) => {
    const list = groups.get(name)!;
    return { name, checks: list, cases: new Set(list.map((c) => c.case)).size, totals: totals(list), durationMs: list.reduce((s, c) => s + c.durationMs, 0) };
  });
}

/** How many checks each source contributed, in CHECK_SOURCES order, leaving out sources with none. */
export function countsBySource(checks: readonly CheckResult[]): [CheckSource, number][] {
  const n = new Map<CheckSource, number>();
  for (const c of checks) n.set(c.source, (n.get(c.source) ?? 0) + 1);
  return CHECK_SOURCES.filter((s) => n.has(s)).map((s) => [s, n.get(s)!]);
}

/** The one line every reporter ends with: `1531 passed, 9 failed of 1540 checks`. */
export function verdictLine(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''} of ${t.tests} checks`;
}

export const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** `Hot-word tables · 热词表 / CreateAsrVocab › CreateAsrVocab · HTTP 200`: unique within its suite. */
export const checkTitle = (c: CheckResult): string => `${c.case} › ${c.name}`;

const SOURCE_WORDS: Record<CheckSource, [one: string, many: string]> = {
  preflight: ['preflight check', 'preflight checks'],
  collection: ['assertion in the collection', 'assertions in the collection'],
  'second-opinion': ['second-opinion check', 'second-opinion checks'],
  websocket: ['WebSocket check', 'WebSocket checks'],
  callback: ['callback check', 'callback checks'],
  proxy: ['proxy check', 'proxy checks'],
  merge: ['missing shard', 'missing shards'],
};

/** `1 preflight check, 1164 assertions in the collection, 338 second-opinion checks, …` */
export function breakdown(checks: readonly CheckResult[]): string {
  return countsBySource(checks)
    .map(([s, n]) => `${n} ${SOURCE_WORDS[s][n === 1 ? 0 : 1]}`)
    .join(', ');
}
