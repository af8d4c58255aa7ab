// newman's results in the report model: every assertion of every request is a check, the second
// opinion on each answer is one more, and a request or script error that no assertion recorded is
// a failed check of its own. Nothing newman saw is left out of the counts.
import type { EventEmitter } from 'node:events';
import type { NewmanRunExecution, NewmanRunSummary } from 'newman';
import type { ContractCase } from '../model/cases.js';
import type { CheckResult } from '../report/model.js';
import { secondOpinion, type OpenApiValidators } from './verify.js';

interface Cursor {
  cursor?: { ref?: string };
}

/** Times each request from newman's beforeItem to its item event (scripts included), by cursor. */
export function timeItems(emitter: EventEmitter): Map<string, number> {
  const started = new Map<string, number>();
  const took = new Map<string, number>();
  emitter.on('beforeItem', (_err: unknown, o: Cursor) => void (o.cursor?.ref && started.set(o.cursor.ref, performance.now())));
  emitter.on('item', (_err: unknown, o: Cursor) => {
    const ref = o.cursor?.ref;
    const t = ref ? started.get(ref) : undefined;
    if (ref && t !== undefined) took.set(ref, performance.now() - t);
  });
  return took;
}

/** Where a request's checks go: its action's suite, and its path in the collection as the case. */
export function itemPlace(itemId: string, itemName: string, cases: Map<string, ContractCase>): { suite: string; case: string } {
  const c = cases.get(itemId);
  return { suite: c?.action ?? itemName, case: c ? [...c.folder, itemName].join(' / ') : itemName };
}

export function collectionChecks(summary: NewmanRunSummary, cases: Map<string, ContractCase>, openapi: OpenApiValidators, times: ReadonlyMap<string, number>): CheckResult[] {
  const out: CheckResult[] = [];
  const runs = new Map<string, number>();
  for (const ex of summary.run.executions) {
    const n = (runs.get(ex.item.id) ?? 0) + 1;
    runs.set(ex.item.id, n);
    const place = itemPlace(ex.item.id, ex.item.name, cases);
    // A poll sends the same request again: each sending is its own case.
    const where = { suite: place.suite, case: n > 1 ? `${place.case} (request ${n})` : place.case };
    const assertions = ex.assertions ?? [];
    const ms = (times.get((ex as NewmanRunExecution & Cursor).cursor?.ref ?? '') ?? ex.response?.responseTime ?? 0) / Math.max(1, assertions.length);
    for (const a of assertions) {
      const status = a.skipped ? 'skipped' : a.error ? 'failed' : 'passed';
      out.push({ ...where, name: a.assertion, status, ...(a.error ? { message: a.error.message } : {}), durationMs: ms, source: 'collection' });
    }
    const c = cases.get(ex.item.id);
    if (!c) continue;
    const started = performance.now();
    const opinion = secondOpinion(ex, c, openapi);
    if (!opinion) continue;
    const name = `second opinion: the answer matches ${opinion.component} (ajv 8, the OpenAPI document's 2020-12 schema)`;
    const status = opinion.problem ? 'failed' : opinion.skipped ? 'skipped' : 'passed';
    const message = opinion.problem ?? opinion.skipped;
    out.push({ ...where, name, status, ...(message ? { message } : {}), durationMs: performance.now() - started, source: 'second-opinion' });
  }
  for (const f of unassertedFailures(summary)) {
    const place = f.source?.id ? itemPlace(f.source.id, f.source.name ?? f.source.id, cases) : { suite: 'collection', case: 'collection scripts' };
    out.push({ ...place, name: `${f.error.name ?? 'Error'} at ${f.at}`, status: 'failed', message: f.error.message, durationMs: 0, source: 'collection' });
  }
  return out;
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
