// Fields that advance on their own (a task's Status, a model's training state): one step per read
// of the record, or per stepMs of elapsed time, whichever is further along.
import type { ProgressSpec } from '../../model/emulator-types.js';
import type { StoredRecord } from './store.js';

export function advance(record: StoredRecord, progress: ProgressSpec, now: number, stepMsOverride?: number): void {
  // A value set by an action (a model switched online) is not one of the automatic steps: leave it.
  const current = progress.steps.findIndex((s) => s.value === record[progress.field]);
  if (current < 0 || current === progress.steps.length - 1) return;
  const stepMs = stepMsOverride ?? progress.stepMs;
  const byTime = stepMs <= 0 ? Infinity : Math.floor((now - record._created) / stepMs);
  const index = Math.min(progress.steps.length - 1, Math.max(current, record._reads, byTime));
  const step = progress.steps[index]!;
  record[progress.field] = step.value;
  if (progress.label && step.label !== undefined) record[progress.label] = step.label;
}

export function initialise(record: StoredRecord, progress: ProgressSpec): void {
  const first = progress.steps[0]!;
  record[progress.field] = first.value;
  if (progress.label && first.label !== undefined) record[progress.label] = first.label;
}

export function isFinished(record: StoredRecord, progress: ProgressSpec): boolean {
  return record[progress.field] === progress.steps[progress.steps.length - 1]!.value;
}
