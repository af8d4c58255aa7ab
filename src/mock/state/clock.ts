// The emulator's own clock: the real time plus an offset that a test can move forward (POST
// /_emulator/clock) or set at start (--clock), instead of waiting a day for a task to expire.
// Task progress, expiry, creation times and usage dates read it. Signatures are still checked
// against the real time, because clients sign with theirs.

/** A clock move that cannot be made; the message says why. */
export class ClockError extends Error {}

export class EmulatorClock {
  constructor(
    private readonly wall: () => number,
    private offset = 0,
  ) {}

  now(): number {
    return this.wall() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Sets the time outright (--clock at start). */
  set(ms: number): void {
    this.offset = Math.round(ms - this.wall());
  }

  /** Restores the offset a state file kept. */
  setOffset(ms: number): void {
    this.offset = ms;
  }

  /**
   * Moves to where `target` says, from the time now (read once, so that advancing by 25 h moves the
   * offset by exactly 25 h). Forward only: records, progress and expiry assume time does not run back.
   */
  moveTo(target: (now: number) => number): void {
    const wall = this.wall();
    const now = wall + this.offset;
    const ms = target(now);
    if (!Number.isFinite(ms) || ms < now) throw new ClockError(`the clock only moves forward; it is at ${new Date(now).toISOString()}`);
    this.offset = Math.round(ms - wall);
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_MOVE_MS = 100 * 366 * 86_400_000;

/** `90s`, `25h`, `1.5d`, `250ms`, or a number of ms. */
export function parseDuration(raw: unknown): number {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 && raw <= MAX_MOVE_MS) return Math.round(raw);
  const m = typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(raw) : null;
  const ms = m ? Number(m[1]) * UNITS[m[2]!]! : NaN;
  if (!Number.isFinite(ms) || ms > MAX_MOVE_MS) throw new ClockError(`advance must be a duration such as "90s", "25h" or "2d" (at most 100 years), or a number of ms; got ${JSON.stringify(raw)}`);
  return Math.round(ms);
}

/** An ISO 8601 time with its zone (`2030-01-01T00:00:00Z`, `2030-01-01T08:00:00+08:00`). */
export function parseInstant(raw: unknown, what: string): number {
  const ok = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw);
  const ms = ok ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) throw new ClockError(`${what} must be an ISO 8601 time with its zone, such as 2030-01-01T00:00:00Z; got ${JSON.stringify(raw)}`);
  return ms;
}
