// The small expression language of emulator blocks in specs (`= record.Status == 2 ? rec.text : ''`).
// Parsed once when the model is built, so a typo is a spec diagnostic, not a runtime surprise.
// Grammar: ternary → the binary levels of BINARY_LEVELS, loosest first → unary → postfix → primary.

/** Binary operators by precedence, loosest first; each level is left-associative. */
export const BINARY_LEVELS = [['||'], ['&&'], ['==', '!='], ['<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']] as const;
export type BinaryOperator = (typeof BINARY_LEVELS)[number][number];
export const UNARY_OPERATORS = ['!', '-'] as const;
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

export type Expr =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Expr; property: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; callee: string; args: Expr[] }
  | { kind: 'unary'; op: UnaryOperator; operand: Expr }
  | { kind: 'binary'; op: BinaryOperator; left: Expr; right: Expr }
  | { kind: 'conditional'; test: Expr; then: Expr; else: Expr };

export class ExprSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type Token = { type: 'num' | 'str' | 'id' | 'op' | 'end'; value: string; offset: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '?', ':', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', '[', ']', '.', ','];

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      tokens.push({ type: 'num', value: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) {
          const next = src[j + 1]!;
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
          j += 2;
        } else value += src[j++];
      }
      if (j >= src.length) throw new ExprSyntaxError('unterminated string', i);
      tokens.push({ type: 'str', value, offset: i });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(src.slice(i))!;
      tokens.push({ type: 'id', value: m[0], offset: i });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new ExprSyntaxError(`unexpected character "${c}"`, i);
    tokens.push({ type: 'op', value: op, offset: i });
    i += op.length;
  }
  tokens.push({ type: 'end', value: '', offset: src.length });
  return tokens;
}

export function parseExpr(src: string): Expr {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = (): Token => tokens[pos]!;
  const take = (): Token => tokens[pos++]!;
  const isOp = (v: string): boolean => peek().type === 'op' && peek().value === v;
  const expect = (v: string): void => {
    if (!isOp(v)) throw new ExprSyntaxError(`expected "${v}"`, peek().offset);
    pos++;
  };

  const binaryLevel = (ops: readonly BinaryOperator[], next: () => Expr) => (): Expr => {
    let left = next();
    while (peek().type === 'op' && (ops as readonly string[]).includes(peek().value)) {
      const op = take().value as BinaryOperator;
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  };

  const primary = (): Expr => {
    const t = take();
    if (t.type === 'num') return { kind: 'literal', value: Number(t.value) };
    if (t.type === 'str') return { kind: 'literal', value: t.value };
    if (t.type === 'id') {
      if (t.value === 'true' || t.value === 'false') return { kind: 'literal', value: t.value === 'true' };
      if (t.value === 'null') return { kind: 'literal', value: null };
      if (isOp('(')) {
        pos++;
        const args: Expr[] = [];
        if (!isOp(')')) {
          do args.push(ternary());
          while (isOp(',') && take());
        }
        expect(')');
        return { kind: 'call', callee: t.value, args };
      }
      return { kind: 'name', name: t.value };
    }
    if (t.type === 'op' && t.value === '(') {
      const e = ternary();
      expect(')');
      return e;
    }
    throw new ExprSyntaxError(t.type === 'end' ? 'unexpected end of expression' : `unexpected "${t.value}"`, t.offset);
  };
  const postfix = (): Expr => {
    let e = primary();
    for (;;) {
      if (isOp('.')) {
        pos++;
        const t = take();
        if (t.type !== 'id') throw new ExprSyntaxError('expected a property name after "."', t.offset);
        e = { kind: 'member', object: e, property: t.value };
      } else if (isOp('[')) {
        pos++;
        const index = ternary();
        expect(']');
        e = { kind: 'index', object: e, index };
      } else return e;
    }
  };
  const unary = (): Expr => {
    if (UNARY_OPERATORS.some(isOp)) {
      const op = take().value as UnaryOperator;
      return { kind: 'unary', op, operand: unary() };
    }
    return postfix();
  };
  // The tightest level reads unary expressions; each looser level reads the one below it.
  const loosest = BINARY_LEVELS.reduceRight<() => Expr>((next, ops) => binaryLevel(ops, next), unary);
  function ternary(): Expr {
    const test = loosest();
    if (!isOp('?')) return test;
    pos++;
    const then = ternary();
    expect(':');
    return { kind: 'conditional', test, then, else: ternary() };
  }

  const e = ternary();
  if (peek().type !== 'end') throw new ExprSyntaxError(`unexpected "${peek().value}"`, peek().offset);
  return e;
}

/** Every root name an expression reads (`record` in `record.Status`), for spec checks. */
export function rootNames(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'name':
      out.add(e.name);
      break;
    case 'member':
      rootNames(e.object, out);
      break;
    case 'index':
      rootNames(e.object, out);
      rootNames(e.index, out);
      break;
    case 'call':
      e.args.forEach((a) => rootNames(a, out));
      break;
    case 'unary':
      rootNames(e.operand, out);
      break;
    case 'binary':
      rootNames(e.left, out);
      rootNames(e.right, out);
      break;
    case 'conditional':
      rootNames(e.test, out);
      rootNames(e.then, out);
      rootNames(e.else, out);
      break;
    default:
      break;
  }
  return out;
}

/** Every function an expression calls. */
export function calledFunctions(e: Expr, out = new Set<string>()): Set<string> {
  if (e.kind === 'call') out.add(e.callee);
  for (const child of children(e)) calledFunctions(child, out);
  return out;
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'member':
      return [e.object];
    case 'index':
      return [e.object, e.index];
    case 'call':
      return e.args;
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'conditional':
      return [e.test, e.then, e.else];
    default:
      return [];
  }
}
