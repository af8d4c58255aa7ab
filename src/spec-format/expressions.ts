// The expression language's section of the reference, from its definitions (model/expr.ts,
// expr-docs.ts, expr-scope.ts). Every example is parsed and evaluated here, so each result shown
// is what the emulator computes.
import { BINARY_OPERATOR_DOCS, EXPR_FORMS, FUNCTION_DOCS, SAMPLE_SCOPE, TRUTHINESS, UNARY_OPERATOR_DOCS } from '../model/expr-docs.js';
import { evaluate, FUNCTIONS, Scope } from '../model/expr-eval.js';
import { ALWAYS_IN_SCOPE, STEP_DEFINES } from '../model/expr-scope.js';
import { BINARY_LEVELS, parseExpr } from '../model/expr.js';
import { EXPRESSION_PREFIX } from '../model/build-emulator.js';
import { cell, code, table } from './markdown.js';

/** `len('abc')` → `3`, as the evaluator gives it. */
function result(source: string): string {
  const value = evaluate(parseExpr(source), new Scope(structuredClone({ ...SAMPLE_SCOPE })));
  return code(value === undefined ? 'undefined' : JSON.stringify(value));
}

const example = (source: string): string => `${code(source)} → ${result(source)}`;

export function expressionSection(): string[] {
  const functions = Object.keys(FUNCTIONS).map((name) => {
    const doc = FUNCTION_DOCS[name];
    if (!doc) throw new Error(`function ${name} has no entry in FUNCTION_DOCS`);
    return [code(`${name}${doc.args}`), cell(doc.meaning), example(doc.example)];
  });
  const levels = BINARY_LEVELS.map((ops, i) => ops.map((op) => [String(i + 1), code(op), cell(BINARY_OPERATOR_DOCS[op].meaning), example(BINARY_OPERATOR_DOCS[op].example)]));
  const unary = Object.entries(UNARY_OPERATOR_DOCS).map(([op, d]) => [String(BINARY_LEVELS.length + 1), code(`${op}x`), cell(d.meaning), example(d.example)]);
  const steps = Object.entries(STEP_DEFINES).flatMap(([op, names]) => Object.entries(names ?? {}).map(([name, meaning]) => [code(name), `after a ${code(op)} step`, cell(meaning)]));
  return [
    `A string value that starts with ${code(EXPRESSION_PREFIX)} is an expression, parsed when the specs are compiled (a syntax error is a`,
    'diagnostic with its position) and evaluated by the emulator for each call. Expressions only read: they cannot assign, loop or',
    'reach JavaScript objects, and a missing name or member is `undefined`, never an error. The examples below are evaluated',
    `against ${code('params')}, ${code('record')} and ${code('now')} set to:`,
    '',
    '```json',
    JSON.stringify(SAMPLE_SCOPE, null, 2),
    '```',
    '',
    '### Forms',
    '',
    ...table(['Form', 'Written', 'Meaning', 'Example'], Object.entries(EXPR_FORMS).map(([kind, f]) => [kind, cell(f.syntax), cell(f.meaning), example(f.example)])),
    '',
    '### Operators',
    '',
    'By precedence, loosest first; the conditional `a ? b : c` is looser still.',
    '',
    ...table(['Level', 'Operator', 'Meaning', 'Example'], [...levels.flat(), ...unary]),
    '',
    TRUTHINESS,
    '',
    '### Functions',
    '',
    ...table(['Function', 'Meaning', 'Example'], functions),
    '',
    '### Names an expression can read',
    '',
    'In an action\'s emulator block, every expression can read these, and the ones a `set` step sets:',
    '',
    ...table(['Name', 'Defined', 'Holds'], [...Object.entries(ALWAYS_IN_SCOPE).map(([name, meaning]) => [code(name), 'always', cell(meaning)]), ...steps]),
  ];
}
