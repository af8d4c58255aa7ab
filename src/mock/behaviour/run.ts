// Interprets an action's emulator block: steps over the store, then the response synthesizer.
// Nothing here knows any action by name; everything comes from the model.
import { evaluateValue, FUNCTIONS, isTruthy, Scope } from '../../model/expr-eval.js';
import type { Behaviour, ResourceKind, Step, ValueMap } from '../../model/emulator-types.js';
import type { Model, Shape } from '../../model/types.js';
import { ApiError } from '../errors.js';
import { advance, initialise } from '../state/progress.js';
import type { Store, StoredRecord } from '../state/store.js';
import { recognize } from './recognize.js';
import { similarity } from './similarity.js';
import { synthesize } from './synthesize.js';

export interface RunDeps {
  model: Model;
  store: Store;
  now: number;
  stepMs?: number;
}

const isNone = (v: unknown): boolean => v === undefined || v === null;

function stamp(kind: ResourceKind, fields: Record<string, unknown>, now: number, created: boolean): void {
  const t = kind.timestamps;
  if (!t) return;
  const format = t.style === 'plain' ? FUNCTIONS.plainDatetime! : FUNCTIONS.datetime!;
  if (created && t.created) fields[t.created] = format(now);
  if (t.updated) fields[t.updated] = format(now);
}

function evalMap(map: ValueMap, scope: Scope): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, evaluateValue(v, scope)]));
}

function matches(record: StoredRecord, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([field, want]) => {
    if (isNone(want)) return true;
    const have = record[field];
    return Array.isArray(want) ? want.includes(have) : have === want || String(have) === String(want);
  });
}

/** Runs steps over the store with the given variables in scope, then builds `shape` from the bindings. */
export function runBehaviourOn(behaviour: Behaviour, shape: Shape, vars: Record<string, unknown>, deps: RunDeps): Record<string, unknown> {
  const { model, store, now } = deps;
  const params = (vars.params ?? {}) as Record<string, unknown>;
  const scope = new Scope({ now, ...vars });
  let recordKind: string | undefined;
  const paramsExcept = (omit: string[], alsoOmit?: string): Record<string, unknown> =>
    Object.fromEntries(Object.entries(params).filter(([k]) => !omit.includes(k) && k !== alsoOmit));
  // A read moves a task's progress on, which is a change like any other.
  const progressed = (kindName: string, record: StoredRecord): void => {
    const progress = store.kind(kindName).progress;
    const fields = progress ? advance(record, progress, now, deps.stepMs) : undefined;
    if (fields) store.touch(kindName, record, fields);
  };
  const select = (kindName: string, where: ValueMap): StoredRecord[] => {
    const kind = store.kind(kindName);
    const filter = evalMap(where, scope);
    return store
      .all(kindName)
      .map((r) => {
        progressed(kindName, r);
        return r;
      })
      .filter((r) => matches(r, filter))
      // Records made in the same millisecond keep the order they were made in (ids are not ordered).
      .sort((a, b) => a._created - b._created || a._n - b._n);
  };

  const run = (step: Step): void => {
    switch (step.op) {
      case 'create': {
        const kind = store.kind(step.kind);
        const fields = { ...paramsExcept(step.omit), ...evalMap(step.assign, scope) };
        stamp(kind, fields, now, true);
        if (kind.progress) initialise(fields as StoredRecord, kind.progress);
        scope.vars.record = store.insert(step.kind, fields, now);
        recordKind = step.kind;
        return;
      }
      case 'find': {
        const kind = store.kind(step.kind);
        const id = step.by ? evaluateValue(step.by, scope) : params[kind.id.field];
        const record = isNone(id) ? undefined : store.get(step.kind, id);
        if (!record) throw new ApiError(kind.notFound, kind.id.field);
        progressed(step.kind, record);
        scope.vars.record = record;
        recordKind = step.kind;
        return;
      }
      case 'update': {
        const record = scope.vars.record as StoredRecord;
        const kind = store.kind(recordKind!);
        const fields = step.fields === 'params' ? paramsExcept(step.omit, kind.id.field) : evalMap(step.fields, scope);
        stamp(kind, fields, now, false);
        store.update(recordKind!, record, fields, now);
        return;
      }
      case 'delete':
        store.remove(recordKind!, scope.vars.record as StoredRecord);
        return;
      case 'updateWhere':
        for (const r of select(step.kind, step.where)) {
          const fields = evalMap(step.set, scope.child({ item: r }));
          stamp(store.kind(step.kind), fields, now, false);
          store.update(step.kind, r, fields, now);
        }
        return;
      case 'query': {
        const all = select(step.kind, step.where);
        const offset = step.page ? Math.max(0, Number(evaluateValue(step.page.offset, scope) ?? 0) || 0) : 0;
        const limitRaw = step.page ? evaluateValue(step.page.limit, scope) : undefined;
        const limit = isNone(limitRaw) ? all.length : Math.max(0, Number(limitRaw) || 0);
        scope.vars.records = all.slice(offset, offset + limit);
        scope.vars.total = all.length;
        return;
      }
      case 'recognize':
        scope.vars.rec = recognize(model.emulator, evaluateValue(step.audio, scope), step.engine ? evaluateValue(step.engine, scope) : undefined);
        return;
      case 'compare':
        scope.vars.similarity = similarity(evaluateValue(step.a, scope), evaluateValue(step.b, scope), model.emulator.similarity.threshold);
        return;
      case 'rank': {
        const against = evaluateValue(step.against, scope);
        const top = step.top ? Number(evaluateValue(step.top, scope)) : Infinity;
        scope.vars.matches = select(step.kind, step.where)
          .map((record) => ({ record, ...similarity(record[step.field], against, model.emulator.similarity.threshold) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, Number.isFinite(top) ? Math.max(0, top) : undefined);
        return;
      }
      case 'meter': {
        const biz = evaluateValue(step.biz, scope);
        const seconds = Number(evaluateValue(step.seconds, scope)) || 0;
        for (const b of Array.isArray(biz) ? biz : [biz]) store.meter(String(b), FUNCTIONS.date!(now) as string, seconds);
        return;
      }
      case 'usage': {
        const biz = evaluateValue(step.biz, scope);
        const from = String(evaluateValue(step.from, scope));
        const to = String(evaluateValue(step.to, scope));
        scope.vars.usage = (Array.isArray(biz) ? biz : [biz]).map((b) => ({ biz: b, ...store.usageBetween(String(b), from, to) }));
        return;
      }
      case 'fail':
        throw new ApiError(step.error, step.param, undefined, step.rule ? { kind: 'step', args: {}, text: step.rule } : undefined);
      case 'set':
        Object.assign(scope.vars, evalMap(step.vars, scope));
        return;
    }
  };

  for (const step of behaviour.steps) {
    if (step.when && !isTruthy(evaluateValue(step.when, scope))) continue;
    run(step);
  }
  return synthesize(model, shape, behaviour.respond, scope, scope.vars.record);
}
