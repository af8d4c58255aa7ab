// Contract cases, generated from the model: a success case per action from its example (ordered
// as a lifecycle, ids flowing through variables), negative cases per parameter, the specs'
// explicit cases and workflows, and a few collection-wide authentication cases.
// Both the Postman emitter and the runner read this list; nothing here is written per action.
import type { ResourceKind } from './emulator-types.js';
import { responseField } from './response-path.js';
import type { Endpoint } from './surface-types.js';
import { errorCode } from './roles.js';
import { exampleQuery, signingParameters } from './signing-parameters.js';
import type { Action, CaseExpectation, ErrorRole, Field, Model, Poll } from './types.js';

export type CaseKind = 'example' | 'missing' | 'wrong-type' | 'bad-value' | 'rule' | 'spec' | 'workflow' | 'auth';
export type SignTweak = 'wrong-key' | 'stale-timestamp';

/** How a signing probe signs badly: with a key that has a suffix, or a timestamp from the past. */
export interface SignProbe {
  /** Appended to the key the client holds. */
  keySuffix: string;
  /** The timestamp is this many seconds before the moment of signing. */
  secondsBefore: number;
}

/**
 * The contract suite's own signing probes, the one place their parameters live: the collections'
 * signing scripts read them from the contract data, the runner's WebSocket cases use them, and the
 * contract proxy recognises exactly these refusals as the suite's own, not a client's mistake.
 * The staleness is no whole, half or quarter hour, so no time-zone or daylight-saving bug sends it,
 * and it lies far outside every surface's timestamp window (a test checks both against specs/).
 */
export const SIGN_PROBES: Readonly<Record<SignTweak, SignProbe>> = {
  'wrong-key': { keySuffix: '-asr-contract-wrong-key', secondsBefore: 0 },
  'stale-timestamp': { keySuffix: '', secondsBefore: 4321 },
};

/** How far a probe's timestamp may be from its exact staleness and still be recognised: the delay between signing and arriving. */
export const SIGN_PROBE_TOLERANCE_SECONDS = 60;

/** `signed with a wrong key`, `signed 4321 s ago`: how case titles name a probe. */
export function probeTitle(tweak: SignTweak): string {
  const p = SIGN_PROBES[tweak];
  return p.secondsBefore > 0 ? `signed ${p.secondsBefore} s ago` : 'signed with a wrong key';
}

export interface ContractCase {
  /** Stable across builds: `CreateRecTask/missing/EngineModelType`. */
  id: string;
  kind: CaseKind;
  /** Folder names from the collection root. */
  folder: string[];
  /** `CreateRecTask · missing EngineModelType → MissingParameter` */
  name: string;
  /** Sent as X-TC-Action; not always a real action (the unknown-action case). */
  action: string;
  params: Record<string, unknown>;
  expect: CaseExpectation;
  capture: Record<string, string>;
  poll?: Poll;
  sign?: SignTweak;
  /** Creates billable resources or submits recognition work (or would, if the server accepted it). */
  mutating: boolean;
  /** Set for a case of a non-API-3.0 HTTP endpoint (flash): `params` are then its query parameters. */
  endpoint?: { name: string; emptyBody: boolean };
}

export const NEGATIVE_FOLDER = 'Negative cases';
export const WORKFLOW_FOLDER = 'Workflows';
export const UNKNOWN_ACTION = 'AsrContractNoSuchAction';
/** The negative folder's subfolder for the collection-wide signing and routing cases. */
export const AUTH_FOLDER = 'Authentication and routing';

/** `FlashRecognition` → `Flash recognition · 录音文件识别极速版`: the endpoint's folder and tag. */
export function endpointTitle(e: Endpoint): string {
  const words = e.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} · ${e.titleZh}`;
}

export function areaFolder(model: Model, areaId: string): string {
  const a = model.areas.find((x) => x.id === areaId)!;
  return `${a.name} · ${a.nameZh}`;
}

const expectText = (e: CaseExpectation): string => (e === 'success' ? 'success' : e.error);

/** The variable that carries a resource kind's id between calls: `vocab` → `vocabId`. */
export function idVariable(kind: ResourceKind): string {
  return kind.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()) + 'Id';
}

/** Resource kinds an action creates, looks up, and deletes, read from its emulator steps. */
function kindsUsed(action: Action, op: 'create' | 'find' | 'delete'): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const s of action.emulator.steps) {
    if (s.op === 'create' || s.op === 'find') current = s.kind;
    if ((s.op === 'create' || s.op === 'find') && s.op === op) out.push(s.kind);
    if (s.op === 'delete' && op === 'delete' && current) out.push(current);
  }
  return out;
}

/** Where a created record's id appears in the answer (`VocabId`, `Data.TaskId`). */
function idPath(model: Model, action: Action, field: string): string | undefined {
  const search = (prefix: string[], fields: Field[], depth: number): string | undefined => {
    for (const f of fields) {
      if (f.name === field) return [...prefix, f.name].join('.');
      if (f.type.kind === 'named' && depth < 3) {
        const name = f.type.name;
        const found = search([...prefix, f.name], model.types.find((t) => t.name === name)!.shape.fields, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  const p = search([], action.response.fields, 0);
  return p && responseField(model, action.response, p.split('.')) ? p : undefined;
}

/** Success cases, one per action, ordered create → use → delete within each area. */
function exampleCases(model: Model): ContractCase[] {
  const kinds = new Map(model.emulator.resources.map((r) => [r.name, r]));
  const rank = (a: Action): number => (kindsUsed(a, 'create').length > 0 ? 0 : kindsUsed(a, 'delete').length > 0 ? 2 : 1);
  const out: ContractCase[] = [];
  for (const area of model.areas) {
    const actions = model.actions.filter((a) => a.area === area.id).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
    for (const action of actions) {
      const params = { ...action.examples[0]!.request };
      for (const kindName of kindsUsed(action, 'find')) {
        const kind = kinds.get(kindName)!;
        if (kind.id.field in params) params[kind.id.field] = `{{${idVariable(kind)}}}`;
      }
      const capture: Record<string, string> = {};
      for (const kindName of kindsUsed(action, 'create')) {
        const kind = kinds.get(kindName)!;
        const path = idPath(model, action, kind.id.field);
        if (path) capture[idVariable(kind)] = path;
      }
      out.push({
        id: `${action.name}/example`,
        kind: 'example',
        folder: [areaFolder(model, action.area)],
        name: action.name,
        action: action.name,
        params,
        expect: 'success',
        capture,
        mutating: action.mutating,
      });
    }
  }
  return out;
}

/** A value of the wrong JSON type for a field. */
function wrongType(f: Field): unknown {
  if (f.type.kind === 'array' || f.type.kind === 'named') return 'not-a-structure';
  return f.type.scalar === 'string' ? 12345 : f.type.scalar === 'boolean' ? 'yes' : 'not-a-number';
}

/** A value of the right type that breaks an enum or a range, with a few words saying which. */
function badValue(f: Field): { value: unknown; why: string } | undefined {
  const c = f.constraints;
  if (f.type.kind !== 'scalar') return undefined;
  if (c.enum) {
    if (f.type.scalar === 'string') return { value: 'not-an-allowed-value', why: 'outside its allowed values' };
    const numbers = c.enum.map(Number);
    return { value: Math.max(...numbers) + 1, why: 'outside its allowed values' };
  }
  if (c.minimum !== undefined) return { value: c.minimum - 1, why: `below its minimum ${c.minimum}` };
  if (c.maximum !== undefined) return { value: c.maximum + 1, why: `above its maximum ${c.maximum}` };
  if (c.maxLength !== undefined && c.maxLength <= 4096 && f.type.scalar === 'string' && c.maxBytes === undefined) {
    return { value: 'x'.repeat(c.maxLength + 1), why: `longer than ${c.maxLength} characters` };
  }
  return undefined;
}

function negativeCases(model: Model, action: Action): ContractCase[] {
  const code = (role: ErrorRole): string => errorCode(model, role);
  const base = action.examples[0]!.request;
  const folder = [NEGATIVE_FOLDER, areaFolder(model, action.area)];
  const out: ContractCase[] = [];
  const add = (kind: CaseKind, suffix: string, title: string, params: Record<string, unknown>, expect: CaseExpectation): void => {
    out.push({ id: `${action.name}/${kind}/${suffix}`, kind, folder, name: `${action.name} · ${title} → ${expectText(expect)}`, action: action.name, params, expect, capture: {}, mutating: action.mutating });
  };
  for (const f of action.request.fields) {
    if (f.required) {
      const { [f.name]: _dropped, ...rest } = base;
      add('missing', f.name, `missing ${f.name}`, rest, { error: code('missing-parameter') });
    }
    add('wrong-type', f.name, `${f.name} of the wrong type`, { ...base, [f.name]: wrongType(f) }, { error: code('invalid-parameter') });
    const bad = badValue(f);
    if (bad) add('bad-value', f.name, `${f.name} ${bad.why}`, { ...base, [f.name]: bad.value }, { error: code('invalid-parameter-value') });
  }
  action.request.rules.forEach((rule, i) => {
    if (!rule.when || !rule.require) return;
    const params: Record<string, unknown> = { ...base, ...rule.when };
    for (const name of rule.require) delete params[name];
    const condition = Object.entries(rule.when).map(([k, v]) => `${k} is ${String(v)}`).join(' and ');
    add('rule', String(i), `${rule.require.join(', ')} required when ${condition}`, params, { error: code('missing-parameter') });
  });
  for (const c of action.cases) {
    out.push({ id: `${action.name}/spec/${c.id}`, kind: 'spec', folder: c.expect === 'success' ? [areaFolder(model, action.area)] : folder, name: `${action.name} · ${c.title ?? c.id} → ${expectText(c.expect)}`, action: action.name, params: c.params, expect: c.expect, capture: {}, mutating: action.mutating });
  }
  return out;
}

function workflowCases(model: Model): ContractCase[] {
  const actions = new Map(model.actions.map((a) => [a.name, a]));
  return model.workflows.flatMap((wf) =>
    wf.steps.map((step, i) => ({
      id: `workflow/${wf.name}/${i + 1}`,
      kind: 'workflow' as const,
      folder: [WORKFLOW_FOLDER, wf.title],
      name: `${i + 1}. ${step.action} · ${step.title}`,
      action: step.action,
      params: step.params,
      expect: step.expect,
      capture: step.capture,
      ...(step.poll ? { poll: step.poll } : {}),
      // A workflow creates what it later reads: the whole workflow is as mutating as its most mutating step.
      mutating: wf.steps.some((s) => actions.get(s.action)?.mutating),
    })),
  );
}

function authCases(model: Model): ContractCase[] {
  const code = (role: ErrorRole): string => errorCode(model, role);
  // Any read-only action will do, preferably one without required parameters; the specs decide which exist.
  const probe =
    model.actions.find((a) => !a.mutating && a.request.fields.every((f) => !f.required)) ?? model.actions.find((a) => !a.mutating) ?? model.actions[0]!;
  const params = probe.examples[0]!.request;
  const folder = [NEGATIVE_FOLDER, AUTH_FOLDER];
  const mk = (suffix: string, title: string, action: string, expect: string, sign?: SignTweak): ContractCase => ({
    id: `auth/${suffix}`,
    kind: 'auth',
    folder,
    name: `${title} → ${expect}`,
    action,
    params: action === probe.name ? params : {},
    expect: { error: expect },
    capture: {},
    ...(sign ? { sign } : {}),
    mutating: false,
  });
  return [
    mk('wrong-key', `${probe.name} ${probeTitle('wrong-key')}`, probe.name, code('signature-failure'), 'wrong-key'),
    mk('stale-timestamp', `${probe.name} ${probeTitle('stale-timestamp')}`, probe.name, code('signature-expire'), 'stale-timestamp'),
    mk('unknown-action', 'an action that does not exist', UNKNOWN_ACTION, code('invalid-action')),
  ];
}

/** Flash-style endpoints: a success case from the example, and refusals in the endpoint's own codes. */
function endpointCases(e: Endpoint, negative: boolean): ContractCase[] {
  const code = (role: string): string => String(e.codes.find((c) => c.role === role)?.code ?? '');
  const signing = signingParameters(e.signature);
  const base = exampleQuery(e);
  const mk = (suffix: string, name: string, params: Record<string, unknown>, expect: CaseExpectation, extra: Partial<ContractCase> = {}, emptyBody = false): ContractCase => ({
    id: `${e.name}/${suffix}`,
    kind: suffix === 'example' ? 'example' : 'bad-value',
    folder: suffix === 'example' ? [endpointTitle(e)] : [NEGATIVE_FOLDER, endpointTitle(e)],
    name,
    action: e.name,
    params,
    expect,
    capture: {},
    mutating: e.mutating,
    endpoint: { name: e.name, emptyBody },
    ...extra,
  });
  if (!negative) return [mk('example', e.name, base, 'success')];
  const firstRequired = e.query.fields.find((f) => f.required && !signing.has(f.name));
  const firstEnum = e.query.fields.find((f) => f.constraints.enum && f.type.kind === 'scalar' && f.type.scalar === 'string' && !signing.has(f.name));
  const out = [
    mk('wrong-key', `${e.name} · ${probeTitle('wrong-key')} → ${code('auth-failed')}`, base, { error: code('auth-failed') }, { sign: 'wrong-key' }),
    mk('stale-timestamp', `${e.name} · ${probeTitle('stale-timestamp')} → ${code('auth-failed')}`, base, { error: code('auth-failed') }, { sign: 'stale-timestamp' }),
    mk('empty-audio', `${e.name} · no audio → ${code('audio-empty')}`, base, { error: code('audio-empty') }, {}, true),
  ];
  if (firstRequired) {
    const { [firstRequired.name]: _gone, ...rest } = base;
    out.push(mk(`missing/${firstRequired.name}`, `${e.name} · missing ${firstRequired.name} → ${code('invalid-parameter')}`, rest, { error: code('invalid-parameter') }));
  }
  if (firstEnum) out.push(mk(`bad-value/${firstEnum.name}`, `${e.name} · ${firstEnum.name} outside its allowed values → ${code('invalid-parameter')}`, { ...base, [firstEnum.name]: 'not-an-allowed-value' }, { error: code('invalid-parameter') }));
  return out;
}

export function contractCases(model: Model): ContractCase[] {
  return [
    ...exampleCases(model),
    ...model.endpoints.flatMap((e) => endpointCases(e, false)),
    ...workflowCases(model),
    ...model.actions.flatMap((a) => negativeCases(model, a)),
    ...model.endpoints.flatMap((e) => endpointCases(e, true)),
    ...authCases(model),
  ];
}
