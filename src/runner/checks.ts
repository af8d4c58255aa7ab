// Results of the runner's own cases (WebSockets, callbacks), in the same terms as newman's: named
// checks that pass or fail, grouped by case and by the surface they exercise.

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface SurfaceCase {
  /** `realtime`, `virtual-number`, `RecTaskCallback`, … (a row of the per-action table). */
  surface: string;
  name: string;
  checks: Check[];
}

export class CaseRecorder {
  readonly checks: Check[] = [];

  constructor(
    readonly surface: string,
    readonly name: string,
  ) {}

  check(name: string, ok: boolean, detail?: string): boolean {
    this.checks.push({ name, ok, ...(ok || detail === undefined ? {} : { detail }) });
    return ok;
  }

  result(): SurfaceCase {
    return { surface: this.surface, name: this.name, checks: this.checks };
  }
}
