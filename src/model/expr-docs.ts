// The expression language explained, next to its definitions: docs/spec-format.md is rendered from
// these tables, and each example is parsed and evaluated (against SAMPLE_SCOPE) when the reference
// is built, so the results it shows are what the emulator computes. The tables are typed by the
// parser's own forms and operators, and test/model/expr-docs.test.ts holds them to FUNCTIONS.
import type { BinaryOperator, Expr, UnaryOperator } from './expr.js';

export interface ExprDoc {
  meaning: string;
  /** An expression, without the `= ` prefix. */
  example: string;
}

/** The variables the examples read. */
export const SAMPLE_SCOPE: Readonly<Record<string, unknown>> = {
  params: { Name: 'demo', Offset: 0, Limit: 2, WordWeights: [{ Word: '热词', Weight: 10 }, { Word: '腾讯云', Weight: 11 }], TextData: 'aG90fDEwCndvcmR8NQo=' },
  record: { VocabId: 'a41c7e90', State: 1, CreateTime: '2024-06-10 16:00:00' },
  now: 1718006400000,
};

export const EXPR_FORMS: Readonly<Record<Expr['kind'], ExprDoc & { syntax: string }>> = {
  literal: { syntax: "`12`, `1.5`, `'text'`, `\"text\"`, `true`, `false`, `null`", meaning: 'A number, a string (single or double quotes; `\\n`, `\\t` and `\\\\` escapes), a boolean or null.', example: "'16k_zh'" },
  name: { syntax: '`params`, `record`, `now` …', meaning: 'A variable: see "Names an expression can read". An unknown name is a spec error, not a runtime surprise.', example: 'now' },
  member: { syntax: '`a.b`', meaning: 'A member of an object; `undefined` when it is absent or `a` is not an object (never an exception).', example: 'params.Name' },
  index: { syntax: '`a[i]`', meaning: 'A list member by position (from 0), or an object member by a computed name.', example: 'params.WordWeights[1]' },
  call: { syntax: '`f(a, b)`', meaning: 'One of the functions below; there are no others, and no methods.', example: "join(pluck(params.WordWeights, 'Word'), ',')" },
  unary: { syntax: '`!a`, `-a`', meaning: 'Logical not (by truthiness) and numeric negation.', example: '!record.State' },
  binary: { syntax: '`a + b`, `a == b`, `a && b` …', meaning: 'The operators below, by precedence; each level groups from the left. Parentheses group explicitly.', example: '(params.Offset + 1) * params.Limit' },
  conditional: { syntax: '`test ? a : b`', meaning: 'b when test is falsy, else a; binds loosest, and nests to the right.', example: "record.State == 1 ? 'on' : 'off'" },
};

export const BINARY_OPERATOR_DOCS: Readonly<Record<BinaryOperator, ExprDoc>> = {
  '||': { meaning: 'the left value when truthy, else the right one', example: "params.Missing || 'default'" },
  '&&': { meaning: 'the left value when falsy, else the right one', example: 'record.State && record.VocabId' },
  '==': { meaning: 'strict equality, except that null and undefined are equal', example: 'params.Missing == null' },
  '!=': { meaning: 'the negation of `==`', example: "params.Name != 'demo'" },
  '<': { meaning: 'numeric comparison', example: 'params.Offset < params.Limit' },
  '<=': { meaning: 'numeric comparison', example: 'len(params.WordWeights) <= 2' },
  '>': { meaning: 'numeric comparison', example: 'record.State > 0' },
  '>=': { meaning: 'numeric comparison', example: 'params.Limit >= 10' },
  '+': { meaning: 'concatenation when either side is a string, else addition', example: "'vocab-' + record.VocabId" },
  '-': { meaning: 'subtraction', example: 'params.Limit - params.Offset' },
  '*': { meaning: 'multiplication', example: 'params.Limit * 30' },
  '/': { meaning: 'division (not rounded)', example: 'now / 1000' },
  '%': { meaning: 'remainder', example: '7 % params.Limit' },
};

export const UNARY_OPERATOR_DOCS: Readonly<Record<UnaryOperator, ExprDoc>> = {
  '!': { meaning: '`true` when the operand is falsy', example: '!params.Missing' },
  '-': { meaning: 'the operand as a number, negated', example: '-params.Limit' },
};

export const TRUTHINESS = 'Falsy are `undefined`, `null`, `false`, `0`, `NaN` and the empty string; everything else, empty lists and objects included, is truthy.';

export interface FunctionDoc extends ExprDoc {
  /** `(list, name)` */
  args: string;
}

export const FUNCTION_DOCS: Readonly<Record<string, FunctionDoc>> = {
  len: { args: '(value)', meaning: 'Length of a string (in UTF-16 units) or a list; 0 for anything else.', example: "len('语音识别')" },
  lines: { args: '(base64)', meaning: 'The text a base64 value carries, as its non-empty lines, trimmed.', example: 'lines(params.TextData)' },
  parseLines: { args: '(base64, separator, name…)', meaning: 'Each line of the text split at the separator into an object, its parts named in order (missing parts are empty strings).', example: "parseLines(params.TextData, '|', 'Word', 'Weight')" },
  formatLines: { args: '(list, template)', meaning: '`format` applied to each member, joined by newlines.', example: "formatLines(params.WordWeights, '{Word}|{Weight}')" },
  format: { args: '(template, object)', meaning: 'The template with each `{name}` replaced by that member of the object (empty when absent).', example: "format('{Word} weighs {Weight}', params.WordWeights[0])" },
  base64: { args: '(text)', meaning: 'The UTF-8 bytes of the text, base64-encoded.', example: "base64('热词|10')" },
  bytes: { args: '(base64)', meaning: 'How many bytes a base64 value decodes to; 0 for a non-string.', example: 'bytes(params.TextData)' },
  join: { args: '(list, separator?)', meaning: 'The members as text, joined (by nothing when no separator is given).', example: "join(pluck(params.WordWeights, 'Weight'), '+')" },
  split: { args: '(text, separator)', meaning: 'The text cut at each separator, empty parts dropped.', example: "split('16k_zh,,8k_zh', ',')" },
  pluck: { args: '(list, name)', meaning: 'That member of each list member.', example: "pluck(params.WordWeights, 'Word')" },
  distinct: { args: '(list, name)', meaning: 'The distinct values of that member, in first-seen order, empty ones dropped.', example: "distinct(params.WordWeights, 'Weight')" },
  startsWith: { args: '(text, prefix)', meaning: 'Whether the text starts with the prefix.', example: "startsWith(params.Name, 'de')" },
  contains: { args: '(list, value)', meaning: 'Whether the list holds the value (strict equality).', example: "contains(split('a,b', ','), 'b')" },
  coalesce: { args: '(value…)', meaning: 'The first argument that is not undefined, null or the empty string.', example: "coalesce(params.Missing, '', 'fallback')" },
  sha256: { args: '(part…)', meaning: 'Lower-case hex SHA-256 of the parts, as text, one after the other.', example: "sha256('1300000000', 'token', 'body')" },
  json: { args: '(value)', meaning: 'The value as JSON text (`null` for undefined).', example: 'json(params.WordWeights[0])' },
  hash: { args: '(value)', meaning: 'The first 32 hex digits of the SHA-256 of the value as text: a stable id; empty for an empty value.', example: 'hash(params.Name)' },
  number: { args: '(value)', meaning: 'The value as a number; undefined for undefined, null or the empty string.', example: "number('42')" },
  string: { args: '(value)', meaning: 'The value as text: JSON for objects and lists, empty for undefined and null.', example: 'string(params.Limit)' },
  round: { args: '(number, digits?)', meaning: 'Rounded to that many decimals (0 by default), as a number.', example: 'round(3.14159, 2)' },
  fixed: { args: '(number, digits?)', meaning: 'Rounded to that many decimals, as text with exactly that many.', example: 'fixed(2, 1)' },
  min: { args: '(number…)', meaning: 'The smallest argument, as a number.', example: 'min(params.Limit, 100)' },
  max: { args: '(number…)', meaning: 'The largest argument, as a number.', example: 'max(params.Offset, 1)' },
  clock: { args: '(milliseconds)', meaning: 'A time offset as `m:ss.mmm`, minutes unpadded, as recognition timelines write it.', example: 'clock(83250)' },
  datetime: { args: '(milliseconds)', meaning: 'A moment as RFC 3339 in China time (`+08:00`).', example: 'datetime(now)' },
  plainDatetime: { args: '(milliseconds)', meaning: 'A moment as `YYYY-MM-DD HH:MM:SS` in China time.', example: 'plainDatetime(now)' },
  date: { args: '(milliseconds)', meaning: 'The day of a moment as `YYYY-MM-DD` in China time.', example: 'date(now)' },
  daysBetween: { args: '(from, to)', meaning: 'Whole days from one `YYYY-MM-DD` to another; NaN when either is not a real date.', example: "daysBetween('2024-02-27', '2024-03-01')" },
};
