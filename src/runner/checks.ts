// Results of the runner's own cases (WebSockets, callbacks), in the same terms as newman's: named
// checks that pass or fail, grouped by case and by the surface they exercise.
import type { CheckResult } from '../report/model.js';

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
  /** Time since the case's previous check (or its start): the checks of a case add up to its time. */
  durationMs?: number;
}

export interface SurfaceCase {
  /** `realtime`, `virtual-number`, `RecTaskCallback`, … (a row of the per-action table). */
  surface: string;
  name: string;
  source: 'websocket' | 'callback';
  checks: Check[];
}

export class CaseRecorder {
  readonly checks: Check[] = [];
  private last = performance.now();

  constructor(
    readonly surface: string,
    readonly name: string,
    readonly source: SurfaceCase['source'],
  ) {}

  check(name: string, ok: boolean, detail?: string): boolean {
    const now = performance.now();
    this.checks.push({ name, ok, ...(ok || detail === undefined ? {} : { detail }), durationMs: now - this.last });
    this.last = now;
    return ok;
  }

  result(): SurfaceCase {
    return { surface: this.surface, name: this.name, source: this.source, checks: this.checks };
  }
}

/** The cases' checks in the report model. */
export function surfaceChecks(cases: readonly SurfaceCase[]): CheckResult[] {
  return cases.flatMap((c) =>
    c.checks.map((k) => ({
      suite: c.surface,
      case: c.name,
      name: k.name,
      status: k.ok ? ('passed' as const) : ('failed' as const),
      ...(k.ok || k.detail === undefined ? {} : { message: k.detail }),
      durationMs: k.durationMs ?? 0,
      source: c.source,
    })),
  );
}
