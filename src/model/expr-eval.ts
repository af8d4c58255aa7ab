// Evaluates emulator expressions and values. Pure and total: a missing name or member is
// `undefined`, never an exception, and no expression can reach JavaScript prototypes.
import { createHash } from 'node:crypto';
import type { Value } from './emulator-types.js';
import type { Expr } from './expr.js';

/** Names an expression can read: own variables, then the enclosing scope's. */
export class Scope {
  constructor(
    readonly vars: Record<string, unknown>,
    readonly parent?: Scope,
  ) {}

  get(name: string): unknown {
    for (let s: Scope | undefined = this; s; s = s.parent) if (Object.hasOwn(s.vars, name)) return s.vars[name];
    return undefined;
  }

  set(name: string, value: unknown): void {
    this.vars[name] = value;
  }

  child(vars: Record<string, unknown>): Scope {
    return new Scope(vars, this);
  }
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function chinaParts(ms: number): string[] {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return [`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`];
}

const isList = Array.isArray;
const asList = (v: unknown): unknown[] => (isList(v) ? v : []);
const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function decodeBase64(v: unknown): string {
  return typeof v === 'string' ? Buffer.from(v, 'base64').toString('utf8') : '';
}

function field(obj: unknown, name: string): unknown {
  if (obj === null || typeof obj !== 'object' || !Object.hasOwn(obj, name)) return undefined;
  return (obj as Record<string, unknown>)[name];
}

/** The functions expressions may call. Generic helpers only: facts about the API stay in specs/. */
export const FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  len: (v) => (typeof v === 'string' || isList(v) ? v.length : 0),
  lines: (b64) => decodeBase64(b64).split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0),
  parseLines: (b64, sep, ...names) =>
    (FUNCTIONS.lines!(b64) as string[]).map((line) => {
      const parts = line.split(String(sep));
      return Object.fromEntries(names.map((n, i) => [String(n), parts[i]?.trim() ?? '']));
    }),
  formatLines: (list, template) => asList(list).map((item) => FUNCTIONS.format!(template, item)).join('\n'),
  format: (template, obj) => String(template).replace(/\{([A-Za-z0-9_]+)\}/g, (_m, k: string) => asText(field(obj, k))),
  base64: (text) => Buffer.from(asText(text), 'utf8').toString('base64'),
  bytes: (b64) => (typeof b64 === 'string' ? Buffer.from(b64, 'base64').length : 0),
  join: (list, sep) => asList(list).map(asText).join(sep === undefined ? '' : String(sep)),
  split: (s, sep) => asText(s).split(String(sep)).filter((x) => x !== ''),
  pluck: (list, name) => asList(list).map((x) => field(x, String(name))),
  distinct: (list, name) => [...new Set(asList(list).map((x) => field(x, String(name))).filter((x) => x !== undefined && x !== null && x !== ''))],
  startsWith: (s, prefix) => asText(s).startsWith(asText(prefix)),
  contains: (list, x) => asList(list).includes(x),
  coalesce: (...xs) => xs.find((x) => x !== undefined && x !== null && x !== ''),
  sha256: (...parts) => {
    const h = createHash('sha256');
    for (const p of parts) h.update(typeof p === 'string' ? p : asText(p));
    return h.digest('hex');
  },
  json: (v) => JSON.stringify(v ?? null),
  hash: (v) => (v === undefined || v === null || v === '' ? '' : createHash('sha256').update(asText(v)).digest('hex').slice(0, 32)),
  number: (v) => (v === undefined || v === null || v === '' ? undefined : Number(v)),
  string: (v) => asText(v),
  round: (n, digits) => Number(Number(n).toFixed(Number(digits ?? 0))),
  fixed: (n, digits) => Number(n).toFixed(Number(digits ?? 0)),
  min: (...xs) => Math.min(...xs.map(Number)),
  max: (...xs) => Math.max(...xs.map(Number)),
  /** m:ss.mmm, minutes unpadded, as in recognition timelines. */
  clock: (ms) => {
    const t = Math.max(0, Math.round(Number(ms)));
    return `${Math.floor(t / 60000)}:${Math.floor((t % 60000) / 1000)}.${pad(t % 1000, 3)}`;
  },
  /** RFC 3339 in China time (+08:00). */
  datetime: (ms) => {
    const [d, t] = chinaParts(Number(ms));
    return `${d}T${t}+08:00`;
  },
  /** `YYYY-MM-DD HH:MM:SS` in China time. */
  plainDatetime: (ms) => chinaParts(Number(ms)).join(' '),
  /** `YYYY-MM-DD` in China time. */
  date: (ms) => chinaParts(Number(ms))[0],
  /** Whole days from one `YYYY-MM-DD` to another; NaN when either is not a real date. */
  daysBetween: (a, b) => {
    const day = (s: unknown): number => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asText(s));
      if (!m) return NaN;
      const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      return new Date(t).getUTCDate() === Number(m[3]) ? t : NaN;
    };
    return (day(b) - day(a)) / 86_400_000;
  },
};

function truthy(v: unknown): boolean {
  return !(v === undefined || v === null || v === false || v === 0 || v === '' || Number.isNaN(v));
}

function equal(a: unknown, b: unknown): boolean {
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  return a === b;
}

export function evaluate(e: Expr, scope: Scope): unknown {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'name':
      return scope.get(e.name);
    case 'member':
      return field(evaluate(e.object, scope), e.property);
    case 'index': {
      const obj = evaluate(e.object, scope);
      const i = evaluate(e.index, scope);
      return isList(obj) && typeof i === 'number' ? obj[i] : typeof i === 'string' ? field(obj, i) : undefined;
    }
    case 'call': {
      const fn = FUNCTIONS[e.callee];
      return fn ? fn(...e.args.map((a) => evaluate(a, scope))) : undefined;
    }
    case 'unary': {
      const v = evaluate(e.operand, scope);
      return e.op === '!' ? !truthy(v) : -Number(v);
    }
    case 'conditional':
      return truthy(evaluate(e.test, scope)) ? evaluate(e.then, scope) : evaluate(e.else, scope);
    case 'binary': {
      if (e.op === '&&') {
        const l = evaluate(e.left, scope);
        return truthy(l) ? evaluate(e.right, scope) : l;
      }
      if (e.op === '||') {
        const l = evaluate(e.left, scope);
        return truthy(l) ? l : evaluate(e.right, scope);
      }
      const l = evaluate(e.left, scope);
      const r = evaluate(e.right, scope);
      switch (e.op) {
        case '==':
          return equal(l, r);
        case '!=':
          return !equal(l, r);
        case '+':
          return typeof l === 'string' || typeof r === 'string' ? asText(l) + asText(r) : Number(l) + Number(r);
        case '-':
          return Number(l) - Number(r);
        case '*':
          return Number(l) * Number(r);
        case '/':
          return Number(l) / Number(r);
        case '%':
          return Number(l) % Number(r);
        case '<':
          return Number(l) < Number(r);
        case '<=':
          return Number(l) <= Number(r);
        case '>':
          return Number(l) > Number(r);
        case '>=':
          return Number(l) >= Number(r);
        default:
          return undefined;
      }
    }
  }
}

export function isTruthy(v: unknown): boolean {
  return truthy(v);
}

/** Builds the value a spec describes, in a scope. `each` binds `item` and `index`. */
export function evaluateValue(v: Value, scope: Scope): unknown {
  switch (v.kind) {
    case 'literal':
      return v.value;
    case 'expr':
      return evaluate(v.expr, scope);
    case 'array':
      return v.items.map((i) => evaluateValue(i, scope));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k in v.fields) out[k] = evaluateValue(v.fields[k]!, scope);
      return out;
    }
    case 'each': {
      const list = asList(evaluateValue(v.list, scope));
      const out = new Array<unknown>(list.length);
      for (let index = 0; index < list.length; index++) out[index] = evaluateValue(v.as, scope.child({ item: list[index], index }));
      return out;
    }
  }
}
