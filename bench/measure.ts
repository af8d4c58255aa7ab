// Small timing helpers for `npm run bench`. Figures are medians of repeated runs measured side by
// side in one process, so machine noise hits both sides of every ratio alike.
import { spawnSync } from 'node:child_process';

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function timeRuns(runs: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

/** Wall time of a child process; throws with its output when it fails. */
export function timeProcess(command: string, args: string[], cwd: string, env: Record<string, string> = {}): number {
  const t = performance.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return ms;
}

export const fmt = (ms: number): string => `${ms.toFixed(0)} ms`;

export function row(label: string, value: string): void {
  console.log(`  ${label.padEnd(58)} ${value}`);
}

/** A figure beside its floor: the ratio and whether it meets the goal (`max` for costs, `min` for rates). */
export function ratioRow(label: string, ratio: number, goal: { max?: number; min?: number }): void {
  const met = goal.max !== undefined ? ratio <= goal.max : ratio >= goal.min!;
  const want = goal.max !== undefined ? `≤ ${goal.max}` : `≥ ${goal.min}`;
  row(label, `${ratio.toFixed(2)}  (goal ${want}: ${met ? 'met' : 'NOT met'})`);
}
