// What a run leaves out for a reason (billable work against a remote server, a surface with no
// address) shows in the reports as skipped checks, with the reason, so that a dashboard counts them.
import type { ContractCase } from '../model/cases.js';
import type { CheckResult } from '../report/model.js';
import { itemPlace } from './collection-checks.js';

const skipped = (suite: string, kase: string, reason: string, source: CheckResult['source']): CheckResult => ({ suite, case: kase, name: 'not run', status: 'skipped', message: reason, durationMs: 0, source });

export function leftOutChecks(items: readonly { id: string; name: string; reason: string }[], cases: Map<string, ContractCase>): CheckResult[] {
  return items.map((i) => {
    const place = itemPlace(i.id, i.name, cases);
    return skipped(place.suite, place.case, i.reason, 'collection');
  });
}

export function leftOutSurfaces(channels: readonly string[], callbacks: readonly string[], reasons: { ws?: string; callbacks?: string }): CheckResult[] {
  return [
    ...(reasons.ws ? channels.map((c) => skipped(c, `${c} sessions`, reasons.ws!, 'websocket')) : []),
    ...(reasons.callbacks ? callbacks.map((c) => skipped(c, `${c} deliveries`, reasons.callbacks!, 'callback')) : []),
  ];
}
