// One line per violation, nothing for a clean exchange, and a recurring violation counted instead of
// repeated: a line at the 10th and 100th time, and a place in the summary.
import { describe, expect, test } from 'vitest';
import { failed, passed, type Exchange } from '../../src/proxy/exchange.js';
import { ExchangeSession } from '../../src/proxy/session.js';

const at = Date.UTC(2026, 0, 2, 3, 4, 5);
const exchange = (i: number, pointer: string, rule: string): Exchange => ({
  startedMs: at + i,
  durationMs: 1,
  surface: 'API 3.0',
  action: 'CreateRecTask',
  requestId: `rid-${i}`,
  checks: [passed('HTTP 200'), failed('response matches schema', [{ pointer, rule }])],
});

describe('violation lines', () => {
  test('a clean exchange prints nothing; a violation prints time, action, RequestId, pointer, rule and check', () => {
    const lines: string[] = [];
    const s = new ExchangeSession('t', [], (l) => lines.push(l));
    s.add({ ...exchange(0, '', ''), checks: [passed('HTTP 200')] });
    expect(lines).toEqual([]);
    s.add(exchange(1, '/Response/Data/TaskId', '/Response/Data/TaskId must be integer [type]'));
    expect(lines).toEqual(['2026-01-02T03:04:05.001Z CreateRecTask rid-1 /Response/Data/TaskId /Response/Data/TaskId must be integer [type] (response matches schema)']);
  });

  test('the same violation again, at other array indices, is counted: lines at 10 and 100, then the summary', () => {
    const lines: string[] = [];
    const s = new ExchangeSession('t', [], (l) => lines.push(l), (t) => t.replaceAll('AKIDSECRET1234', '**********1234'));
    for (let i = 0; i < 120; i++) s.add(exchange(i, `/Response/Data/${i % 3}/TaskId`, `/Response/Data/${i % 3}/TaskId must be integer [type]`));
    s.add(exchange(200, '/Response/Data', 'another rule, naming AKIDSECRET1234 [type]'));
    expect(lines.length).toBe(4);
    expect(lines[1]).toBe('2026-01-02T03:04:05.009Z CreateRecTask recurring: response matches schema at /Response/Data/0/TaskId, 10 times so far (last RequestId rid-9)');
    expect(lines[2]).toMatch(/recurring: .*, 100 times so far \(last RequestId rid-99\)$/);
    expect(lines[3]).toContain('naming **********1234');
    expect(s.violations).toBe(121);
    expect(s.summary()).toEqual([
      '121 exchanges checked, 121 with violations (121 violations)',
      'recurring violations:',
      '  120× CreateRecTask rid-0 /Response/Data/0/TaskId /Response/Data/0/TaskId must be integer [type] (response matches schema)',
    ]);
  });
});
