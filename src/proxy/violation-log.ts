// One line per violation: time, action (or surface), RequestId, JSON pointer, rule. A clean
// exchange prints nothing. A violation seen before (same place, same check, same pointer) is not
// printed again: it is counted, a line says so at 10, 100, 1000… times, and the summary lists it.
import { failedChecks, suiteOf, type Exchange } from './exchange.js';

interface Recurring {
  line: string;
  count: number;
  lastRequestId?: string;
}

// Array indices, numbers and quoted values vary between occurrences of the same violation.
const keyOf = (suite: string, check: string, pointer: string, rule: string): string =>
  [suite, check, pointer.replace(/\/\d+(?=\/|$)/g, '/*'), rule.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, '#')].join('\u0000');

export class ViolationLog {
  private readonly seen = new Map<string, Recurring>();

  constructor(private readonly print: (line: string) => void) {}

  /** Prints the exchange's new violations; returns how many violations it had. */
  add(x: Exchange): number {
    let n = 0;
    for (const c of failedChecks(x)) {
      const findings = c.findings.length > 0 ? c.findings : [{ pointer: '', rule: c.detail ?? c.name }];
      for (const f of findings) {
        n++;
        const line = violationLine(x, c.name, f.pointer, f.rule);
        const key = keyOf(suiteOf(x), c.name, f.pointer, f.rule);
        const r = this.seen.get(key);
        if (!r) {
          this.seen.set(key, { line, count: 1, ...(x.requestId ? { lastRequestId: x.requestId } : {}) });
          this.print(line);
          continue;
        }
        r.count++;
        if (x.requestId) r.lastRequestId = x.requestId;
        if (/^10+$/.test(String(r.count))) this.print(`${new Date(x.startedMs).toISOString()} ${suiteOf(x)} recurring: ${c.name} at ${f.pointer || '/'}, ${r.count} times so far (last RequestId ${r.lastRequestId ?? '-'})`);
      }
    }
    return n;
  }

  /** Violations seen more than once, most frequent first. */
  recurring(): string[] {
    return [...this.seen.values()]
      .filter((r) => r.count > 1)
      .sort((a, b) => b.count - a.count)
      .map((r) => `${r.count}× ${r.line.replace(/^\S+ /, '')}`);
  }
}

export function violationLine(x: Exchange, check: string, pointer: string, rule: string): string {
  return `${new Date(x.startedMs).toISOString()} ${suiteOf(x)} ${x.requestId ?? '-'} ${pointer || '/'} ${oneLine(rule)} (${check})`;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
