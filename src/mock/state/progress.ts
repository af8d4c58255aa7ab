// Fields that advance on their own (a task's Status, a model's training state). Time moves them one
// step per stepMs since creation (--step-ms overrides the spec's value), and every read sees at most
// one step more than the read before it, the first read the first step: a client polling a task
// sees each documented state in order, however seldom it polls.
import type { ProgressSpec } from '../../model/emulator-types.js';
import type { StoredRecord } from './store.js';

/** The fields a read moves on (the step, its label, the step seen), or undefined when nothing moves. */
export function advance(record: StoredRecord, progress: ProgressSpec, now: number, stepMsOverride?: number): Record<string, unknown> | undefined {
  // A value set by an action (a model switched online) is not one of the automatic steps: leave it.
  const current = progress.steps.findIndex((s) => s.value === record[progress.field]);
  if (current < 0 || current === progress.steps.length - 1) return undefined;
  const stepMs = stepMsOverride ?? progress.stepMs;
  const byTime = stepMs <= 0 ? Infinity : Math.floor((now - record._created) / stepMs);
  const seen = typeof record._seen === 'number' ? record._seen : -1;
  const index = Math.min(progress.steps.length - 1, Math.max(current, Math.min(byTime, seen + 1)));
  const step = progress.steps[index]!;
  const fields: Record<string, unknown> = { _seen: index, [progress.field]: step.value };
  if (progress.label && step.label !== undefined) fields[progress.label] = step.label;
  return index === seen && step.value === record[progress.field] ? undefined : fields;
}

export function initialise(record: StoredRecord, progress: ProgressSpec): void {
  const first = progress.steps[0]!;
  record[progress.field] = first.value;
  if (progress.label && first.label !== undefined) record[progress.label] = first.label;
}

export function isFinished(record: StoredRecord, progress: ProgressSpec): boolean {
  return record[progress.field] === progress.steps[progress.steps.length - 1]!.value;
}
