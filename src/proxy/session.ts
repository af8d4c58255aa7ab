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

  constructor(
    private readonly title: string,
    private readonly plan: string[],
    print: (line: string) => void,
    private readonly recorder?: HarRecorder,
    now: () => number = Date.now,
  ) {
    this.log = new ViolationLog(print);
    this.started = now();
    this.now = now;
  }

  private readonly now: () => number;

  add(x: Exchange, entry?: () => Entry): void {
    this.exchanges.push(x);
    this.violations += this.log.add(x);
    if (this.recorder && entry) this.recorder.add(entry());
  }

  /** Exchanges with at least one violation. */
  get broken(): number {
    return this.exchanges.filter((x) => failedChecks(x).length > 0).length;
  }

  report(): RunReport {
    return exchangeReport(this.title, this.plan, this.exchanges, this.now() - this.started);
  }

  /** The closing lines: counts, and the violations that recurred. */
  summary(extra: string[] = []): string[] {
    const recurring = this.log.recurring();
    return [
      `${this.exchanges.length} exchange${this.exchanges.length === 1 ? '' : 's'} checked, ${this.broken} with violations (${this.violations} violation${this.violations === 1 ? '' : 's'})${extra.length ? `; ${extra.join('; ')}` : ''}`,
      ...(recurring.length ? ['recurring violations:', ...recurring.map((l) => `  ${l}`)] : []),
    ];
  }
}
