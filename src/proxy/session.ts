// Where every exchange goes: the violation lines, the report, and the HAR recording. The live proxy
// and verify both feed one of these, so both print, count and report the same way.
import type { Entry } from 'har-format';
import type { RunReport } from '../report/model.js';
import { failedChecks, type Exchange } from './exchange.js';
import type { HarRecorder } from './har.js';
import { exchangeReport } from './run-report.js';
import { ViolationLog } from './violation-log.js';

export class ExchangeSession {
  readonly exchanges: Exchange[] = [];
  private readonly log: ViolationLog;
  private readonly started: number;
  violations = 0;

  private recorder: HarRecorder | undefined;

  /**
   * `redact` runs over every line and report text: a rule may quote what an upstream answered, and
   * no SecretId, key or token may leave through it.
   */
  constructor(
    private readonly title: string,
    private readonly plan: string[],
    private readonly print: (line: string) => void,
    private readonly redact: (text: string) => string = (t) => t,
    recorder?: HarRecorder,
    now: () => number = Date.now,
  ) {
    this.log = new ViolationLog((line) => print(redact(line)));
    this.recorder = recorder;
    this.started = now();
    this.now = now;
  }

  private readonly now: () => number;

  add(x: Exchange, entry?: () => Entry): void {
    this.exchanges.push(x);
    this.violations += this.log.add(x);
    if (!this.recorder || !entry) return;
    try {
      this.recorder.add(entry());
    } catch (e) {
      // The traffic goes on; only the recording stops, said once.
      this.print(`asr-contract proxy: cannot write the recording ${this.recorder.path}: ${(e as Error).message}; recording stopped after ${this.recorder.count} exchanges`);
      this.recorder = undefined;
    }
  }

  /** Exchanges with at least one violation. */
  get broken(): number {
    return this.exchanges.filter((x) => failedChecks(x).length > 0).length;
  }

  report(): RunReport {
    const r = exchangeReport(this.title, this.plan, this.exchanges, this.now() - this.started);
    return { ...r, checks: r.checks.map((c) => ({ ...c, ...(c.message !== undefined ? { message: this.redact(c.message) } : {}), ...(c.detail !== undefined ? { detail: this.redact(c.detail) } : {}) })) };
  }

  /** The closing lines: counts, and the violations that recurred. */
  summary(extra: string[] = []): string[] {
    const recurring = this.log.recurring();
    return [
      `${this.exchanges.length} exchange${this.exchanges.length === 1 ? '' : 's'} checked, ${this.broken} with violations (${this.violations} violation${this.violations === 1 ? '' : 's'})${extra.length ? `; ${extra.join('; ')}` : ''}`,
      ...(recurring.length ? ['recurring violations:', ...recurring.map((l) => `  ${this.redact(l)}`)] : []),
    ];
  }
}
