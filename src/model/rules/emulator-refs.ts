// Emulator blocks must only name things that exist: resource kinds, error codes, request
// parameters, response paths, functions and the names earlier steps define.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt, type SpecPath } from '../../spec/locate.js';
import { suggest } from '../../spec/suggest.js';
import type { Sources } from '../build.js';
import type { Step, Value } from '../emulator-types.js';
import { FUNCTIONS } from '../expr-eval.js';
import { ALWAYS_IN_SCOPE, STEP_DEFINES } from '../expr-scope.js';
import { calledFunctions, rootNames, type Expr } from '../expr.js';
import { responseField } from '../response-path.js';
import type { Action, Model } from '../types.js';


function* expressions(v: Value, path: SpecPath): Generator<{ expr: Expr; source: string; path: SpecPath }> {
  switch (v.kind) {
    case 'expr':
      yield { expr: v.expr, source: v.source, path };
      break;
    case 'array':
      for (const [i, item] of v.items.entries()) yield* expressions(item, [...path, i]);
      break;
    case 'object':
      for (const [k, f] of Object.entries(v.fields)) yield* expressions(f, [...path, k]);
      break;
    case 'each':
      yield* expressions(v.list, [...path, 'each']);
      yield* expressions(v.as, [...path, 'as']);
      break;
    default:
      break;
  }
}

function paramsRead(e: Expr, out: string[] = []): string[] {
  if (e.kind === 'member' && e.object.kind === 'name' && e.object.name === 'params') out.push(e.property);
  for (const child of Object.values(e)) {
    if (child && typeof child === 'object' && 'kind' in child) paramsRead(child as Expr, out);
    if (Array.isArray(child)) for (const c of child) if (c && typeof c === 'object' && 'kind' in c) paramsRead(c as Expr, out);
  }
  return out;
}

function stepValues(step: Step): [string[], Value][] {
  const out: [string[], Value][] = [];
  const map = (key: string, m: Record<string, Value>): void => {
    for (const [k, v] of Object.entries(m)) out.push([[key, k], v]);
  };
  if (step.when) out.push([['when'], step.when]);
  switch (step.op) {
    case 'create':
      map('assign', step.assign);
      break;
    case 'find':
      if (step.by) out.push([['by'], step.by]);
      break;
    case 'update':
      if (step.fields !== 'params') map('update', step.fields);
      break;
    case 'updateWhere':
      map('where', step.where);
      map('set', step.set);
      break;
    case 'query':
      map('where', step.where);
      if (step.page) out.push([['page', 'offset'], step.page.offset], [['page', 'limit'], step.page.limit]);
      break;
    case 'recognize':
      out.push([['recognize'], step.audio]);
      if (step.engine) out.push([['engine'], step.engine]);
      break;
    case 'compare':
      out.push([['compare', 'a'], step.a], [['compare', 'b'], step.b]);
      break;
    case 'rank':
      map('where', step.where);
      out.push([['against'], step.against]);
      if (step.top) out.push([['top'], step.top]);
      break;
    case 'meter':
      out.push([['meter'], step.biz], [['seconds'], step.seconds]);
      break;
    case 'usage':
      out.push([['usage'], step.biz], [['from'], step.from], [['to'], step.to]);
      break;
    case 'set':
      map('set', step.vars);
      break;
    default:
      break;
  }
  return out;
}

export function checkEmulatorRefs(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const kinds = new Map(model.emulator.resources.map((r) => [r.name, r]));
  const codes = new Set(model.errors.map((e) => e.code));
  const emulatorFile = sources.emulator!;

  const codeExists = (code: string, file: typeof emulatorFile, path: SpecPath): void => {
    if (!codes.has(code)) out.push(diagnosticAt(file, path, 'unknown-error-code', `error code \`${code}\` is not in specs/errors.yaml`));
  };
  for (const r of model.emulator.resources) {
    codeExists(r.cap.error, emulatorFile, ['emulator', 'resources', r.name, 'cap', 'error']);
    codeExists(r.notFound, emulatorFile, ['emulator', 'resources', r.name, 'notFound']);
    if (r.unique) codeExists(r.unique.error, emulatorFile, ['emulator', 'resources', r.name, 'unique', 'error']);
  }
  codeExists(model.emulator.usage.error, emulatorFile, ['emulator', 'usage', 'error']);

  for (const action of model.actions) out.push(...checkAction(model, action, sources, kinds, codes));
  return out;
}

function checkAction(model: Model, action: Action, sources: Sources, kinds: Map<string, unknown>, codes: Set<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = sources.actions.get(action.name)!;
  const params = new Set(action.request.fields.map((f) => f.name));
  const defined = new Set(Object.keys(ALWAYS_IN_SCOPE));
  const checkExpr = (value: Value, path: SpecPath): void => {
    for (const { expr, source, path: at } of expressions(value, path)) {
      for (const fn of calledFunctions(expr)) {
        if (!(fn in FUNCTIONS)) {
          const close = suggest(fn, Object.keys(FUNCTIONS));
          out.push(diagnosticAt(file, at, 'emulator-ref', `expression \`${source}\` calls unknown function \`${fn}\``, { hint: close ? `did you mean \`${close}\`?` : `known: ${Object.keys(FUNCTIONS).join(', ')}` }));
        }
      }
      for (const name of rootNames(expr)) {
        if (!defined.has(name)) {
          out.push(diagnosticAt(file, at, 'emulator-ref', `expression \`${source}\` reads \`${name}\`, which no earlier step defines`, { hint: `defined here: ${[...defined].join(', ')}` }));
        }
      }
      for (const p of paramsRead(expr)) {
        if (!params.has(p)) out.push(diagnosticAt(file, at, 'emulator-ref', `expression \`${source}\` reads \`params.${p}\`, which is not a request parameter of ${action.name}`));
      }
    }
  };

  action.emulator.steps.forEach((step, i) => {
    const path: SpecPath = ['emulator', 'steps', i];
    if ('kind' in step && !kinds.has(step.kind)) {
      out.push(diagnosticAt(file, [...path, step.op], 'emulator-ref', `unknown resource kind \`${step.kind}\``, { hint: `kinds: ${[...kinds.keys()].join(', ')}` }));
    }
    if (step.op === 'fail' && !codes.has(step.error)) out.push(diagnosticAt(file, [...path, 'fail'], 'unknown-error-code', `error code \`${step.error}\` is not in specs/errors.yaml`));
    for (const name of 'omit' in step ? step.omit : []) {
      if (!params.has(name)) out.push(diagnosticAt(file, [...path, 'omit'], 'emulator-ref', `\`${name}\` in omit is not a request parameter`));
    }
    for (const [sub, value] of stepValues(step)) checkExpr(value, [...path, ...sub]);
    for (const name of Object.keys(STEP_DEFINES[step.op] ?? {})) defined.add(name);
    if (step.op === 'set') for (const name of Object.keys(step.vars)) defined.add(name);
  });
  for (const [path, value] of Object.entries(action.emulator.respond)) {
    if (!responseField(model, action.response, path.split('.'))) {
      out.push(diagnosticAt(file, ['emulator', 'respond', path], 'emulator-ref', `\`${path}\` is not a response field of ${action.name}`, { atKey: true }));
    }
    checkExpr(value, ['emulator', 'respond', path]);
  }
  return out;
}
