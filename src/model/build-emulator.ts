// Spec → emulator part of the model: values with parsed expressions, steps, resource kinds.
import type { Diagnostic } from '../spec/diagnostics.js';
import type { SpecFile } from '../spec/load.js';
import { diagnosticAt, type SpecPath } from '../spec/locate.js';
import type { Behaviour, EmulatorSpec, ResourceKind, Step, Value, ValueMap } from './emulator-types.js';
import { ExprSyntaxError, parseExpr } from './expr.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape already checked by the JSON Schema

export const EXPRESSION_PREFIX = '= ';

export class EmulatorBuilder {
  constructor(
    private readonly file: SpecFile,
    private readonly diagnostics: Diagnostic[],
  ) {}

  value(raw: unknown, path: SpecPath): Value {
    if (typeof raw === 'string' && raw.startsWith(EXPRESSION_PREFIX)) {
      const source = raw.slice(EXPRESSION_PREFIX.length);
      try {
        return { kind: 'expr', source, expr: parseExpr(source) };
      } catch (e) {
        const offset = e instanceof ExprSyntaxError ? e.offset : 0;
        this.diagnostics.push(diagnosticAt(this.file, path, 'expression-syntax', `expression \`${source}\`: ${(e as Error).message} (at character ${offset + 1})`));
        return { kind: 'literal', value: null };
      }
    }
    if (Array.isArray(raw)) return { kind: 'array', items: raw.map((item, i) => this.value(item, [...path, i])) };
    if (raw !== null && typeof raw === 'object') {
      const o = raw as Raw;
      if ('each' in o && 'as' in o) return { kind: 'each', list: this.value(o.each, [...path, 'each']), as: this.value(o.as, [...path, 'as']) };
      return { kind: 'object', fields: this.map(o, path) };
    }
    return { kind: 'literal', value: raw };
  }

  map(raw: Raw | undefined, path: SpecPath): ValueMap {
    return Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [k, this.value(v, [...path, k])]));
  }

  step(raw: Raw, path: SpecPath): Step {
    const when = raw.when !== undefined ? { when: this.value(raw.when, [...path, 'when']) } : {};
    const v = (key: string): Value => this.value(raw[key], [...path, key]);
    const m = (key: string): ValueMap => this.map(raw[key], [...path, key]);
    if ('create' in raw) return { op: 'create', kind: raw.create, assign: m('assign'), omit: raw.omit ?? [], ...when };
    if ('find' in raw) return { op: 'find', kind: raw.find, ...(raw.by !== undefined ? { by: v('by') } : {}), ...when };
    if ('update' in raw) return { op: 'update', fields: raw.update === 'params' ? 'params' : m('update'), omit: raw.omit ?? [], ...when };
    if ('delete' in raw) return { op: 'delete', ...when };
    if ('updateWhere' in raw) return { op: 'updateWhere', kind: raw.updateWhere, where: m('where'), set: m('set'), ...when };
    if ('query' in raw) {
      const page = raw.page ? { page: { offset: this.value(raw.page.offset, [...path, 'page', 'offset']), limit: this.value(raw.page.limit, [...path, 'page', 'limit']) } } : {};
      return { op: 'query', kind: raw.query, where: m('where'), ...page, ...when };
    }
    if ('recognize' in raw) return { op: 'recognize', audio: v('recognize'), ...(raw.engine !== undefined ? { engine: v('engine') } : {}), ...when };
    if ('compare' in raw) return { op: 'compare', a: this.value(raw.compare.a, [...path, 'compare', 'a']), b: this.value(raw.compare.b, [...path, 'compare', 'b']), ...when };
    if ('rank' in raw) return { op: 'rank', kind: raw.rank, where: m('where'), field: raw.field, against: v('against'), ...(raw.top !== undefined ? { top: v('top') } : {}), ...when };
    if ('meter' in raw) return { op: 'meter', biz: v('meter'), seconds: v('seconds'), ...when };
    if ('usage' in raw) return { op: 'usage', biz: v('usage'), from: v('from'), to: v('to'), ...when };
    if ('fail' in raw) return { op: 'fail', error: raw.fail, ...(raw.param ? { param: raw.param } : {}), ...(raw.rule ? { rule: raw.rule } : {}), ...when };
    return { op: 'set', vars: m('set'), ...when };
  }

  behaviour(raw: Raw | undefined, path: SpecPath): Behaviour {
    return {
      steps: (raw?.steps ?? []).map((s: Raw, i: number) => this.step(s, [...path, 'steps', i])),
      respond: this.map(raw?.respond, [...path, 'respond']),
    };
  }
}

const HOUR_MS = 3_600_000;

/** `hours` or `days` after creation; neither: kept until deleted. */
function retention(raw: Raw | undefined): { retentionMs?: number } {
  if (raw?.hours !== undefined) return { retentionMs: raw.hours * HOUR_MS };
  if (raw?.days !== undefined) return { retentionMs: raw.days * 24 * HOUR_MS };
  return {};
}

export function emulatorSpec(raw: Raw): EmulatorSpec {
  const e = raw.emulator as Raw;
  const resources: ResourceKind[] = Object.entries<Raw>(e.resources).map(([name, r]) => ({
    name,
    title: r.title,
    id: r.id,
    cap: { max: r.cap.max, error: r.cap.error },
    ...retention(r.retention),
    notFound: r.notFound,
    ...(r.unique ? { unique: r.unique } : {}),
    ...(r.timestamps ? { timestamps: r.timestamps } : {}),
    ...(r.progress ? { progress: r.progress } : {}),
  }));
  return {
    description: e.description,
    resources,
    transcripts: e.transcripts,
    usage: { maxEntries: e.usage.maxEntries, error: e.usage.error, ...retention(e.usage.retention) },
    similarity: e.similarity ?? { threshold: 70 },
    languages: { engines: e.languages.engines, fallback: e.languages.fallback, unspaced: e.languages.unspaced },
    audio: e.audio,
    messages: e.messages,
    wire: { http: e.wire.http, websocket: e.wire.websocket, callbacks: e.wire.callbacks },
  };
}
