// When a record or a day's usage has outlived its retention (specs/emulator.yaml, `retention:`).
import { FUNCTIONS } from '../../model/expr-eval.js';
import type { EmulatorSpec, ResourceKind } from '../../model/emulator-types.js';
import type { StoredRecord } from './changes.js';

export function isExpired(kind: ResourceKind, record: StoredRecord, now: number): boolean {
  return kind.retentionMs !== undefined && now - record._created >= kind.retentionMs;
}

/** A day's usage (`YYYY-MM-DD`, China time) goes once the whole day lies beyond the retention. */
export function usageExpired(spec: EmulatorSpec, date: string, now: number): boolean {
  const keep = spec.usage.retentionMs;
  return keep !== undefined && date < (FUNCTIONS.date!(now - keep) as string);
}
