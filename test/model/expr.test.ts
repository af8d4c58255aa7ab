// The expression language of emulator blocks: parsing, evaluation, and the functions it offers.
import { describe, expect, test } from 'vitest';
import { evaluate, FUNCTIONS, Scope } from '../../src/model/expr-eval.js';
import { ExprSyntaxError, parseExpr, rootNames } from '../../src/model/expr.js';

const scope = new Scope({
  params: { SourceType: 1, Data: 'QUJD', List: ['a', 'b'], Zero: 0 },
  record: { Status: 2, Name: 'n', Items: [{ W: 'x', N: 1 }, { W: 'y', N: 2 }] },
});

describe('emulator expressions', () => {
  test.each([
    ['params.SourceType == 1 ? params.Data : params.Url', 'QUJD'],
    ["record.Status == 2 && record.Name", 'n'],
    ["params.Missing == null", true],
    ["params.Zero == 0 || 'fallback'", true],
    ["params.Zero || 'fallback'", 'fallback'],
    ["'[' + clock(1640) + ',' + clock(64600) + ']'", '[0:1.640,1:4.600]'],
    ['1 + 2 * 3 - 4 / 2', 5],
    ['!(1 < 2) || 3 >= 3', true],
    ["len(params.List) + len('abc') + len(params.Missing)", 5],
    ["join(pluck(record.Items, 'W'), '|')", 'x|y'],
    ["formatLines(record.Items, '{W}|{N}')", 'x|1\ny|2'],
    ["lines(base64('a\\n\\n b \\r\\nc'))", ['a', 'b', 'c']],
    ["parseLines(base64('你好|5\\n世界|11'), '|', 'Word', 'Weight')", [{ Word: '你好', Weight: '5' }, { Word: '世界', Weight: '11' }]],
    ["distinct(record.Items, 'W')", ['x', 'y']],
    ["coalesce('', null, 'z')", 'z'],
    ["daysBetween('2024-01-30', '2024-03-01')", 31],
    ["daysBetween('2024-02-30', '2024-03-01') >= 0", false],
    ['record.Items[1].W', 'y'],
    ['record.__proto__', undefined],
    ['record.constructor', undefined],
    ['nosuch.thing', undefined],
  ])('%s → %j', (source, expected) => {
    expect(evaluate(parseExpr(source), scope)).toEqual(expected);
  });

  test.each([
    ['record.', 'expected a property name'],
    ['1 +', 'unexpected end'],
    ["'open", 'unterminated string'],
    ['a ? b', 'expected ":"'],
    ['a # b', 'unexpected character'],
  ])('%j is a syntax error (%s)', (source, message) => {
    expect(() => parseExpr(source)).toThrow(ExprSyntaxError);
    expect(() => parseExpr(source)).toThrow(message);
  });

  test('root names are what a spec check needs to verify', () => {
    expect([...rootNames(parseExpr("hash(coalesce(params.Data, record.X)) + rec.text"))].sort()).toEqual(['params', 'rec', 'record']);
  });

  test('time formatting is in China time, as the service writes it', () => {
    expect(FUNCTIONS.datetime!(Date.UTC(2024, 0, 1, 20, 5, 9))).toBe('2024-01-02T04:05:09+08:00');
    expect(FUNCTIONS.plainDatetime!(Date.UTC(2024, 0, 1, 20, 5, 9))).toBe('2024-01-02 04:05:09');
  });
});
