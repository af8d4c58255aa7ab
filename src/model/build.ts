// Stage 2b: structurally valid spec files → the model. Resolves type names and collects the
// diagnostics that need more than one file (unknown types, duplicates, areas).
import type { DiagnosticRule } from '../spec/diagnostic-rules.js';
import type { Diagnostic } from '../spec/diagnostics.js';
import { fileKind, type FileKind } from '../spec/file-kinds.js';
import type { SpecFile } from '../spec/load.js';
import { diagnosticAt, locate, type SpecPath } from '../spec/locate.js';
import { suggest } from '../spec/suggest.js';
import { EmulatorBuilder, emulatorSpec } from './build-emulator.js';
import { answerOf, buildCallback, buildChannel, buildEndpoint } from './build-surfaces.js';
import type * as M from './types.js';

const SCALARS: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean']);
const SCALAR_HINTS: Record<string, string> = {
  int: 'integer',
  int64: 'integer (with format: int64)',
  uint64: 'integer (with format: uint64)',
  float: 'number',
  double: 'number',
  bool: 'boolean',
  str: 'string',
  list: 'T[] (e.g. string[])',
  array: 'T[] (e.g. string[])',
  object: 'a shared type name from specs/types/',
};

/** Where each model element came from, so later rules can point into the right file. */
export interface Sources {
  service?: SpecFile;
  errors?: SpecFile;
  emulator?: SpecFile;
  types: Map<string, SpecFile>;
  actions: Map<string, SpecFile>;
  workflows: Map<string, SpecFile>;
  /** Endpoints, channels and callbacks, by name. */
  surfaces: Map<string, SpecFile>;
}

export interface BuildResult {
  model?: M.Model;
  sources: Sources;
  diagnostics: Diagnostic[];
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape already checked by the JSON Schema

export function buildModel(files: readonly SpecFile[]): BuildResult {
  const diagnostics: Diagnostic[] = [];
  const sources: Sources = { types: new Map(), actions: new Map(), workflows: new Map(), surfaces: new Map() };
  const byKind = new Map<FileKind, { file: SpecFile; data: Raw }[]>();
  for (const file of files) {
    const data = file.data as Raw;
    const kind = fileKind(data);
    if (!kind) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), { file, data }]);
  }

  /** Records where `name` is declared; a second declaration is reported (pointing at the first) and refused. */
  const declareOnce = (declared: Map<string, SpecFile>, name: string, file: SpecFile, path: SpecPath, rule: DiagnosticRule, what: string): boolean => {
    const first = declared.get(name);
    if (first) {
      diagnostics.push(diagnosticAt(file, path, rule, `${what} is already declared in ${first.path}`));
      return false;
    }
    declared.set(name, file);
    return true;
  };

  const single = (kind: 'service' | 'errors' | 'emulator', expected: string): { file: SpecFile; data: Raw } | undefined => {
    const list = byKind.get(kind) ?? [];
    if (list.length === 0) {
      diagnostics.push({ rule: `missing-${kind}`, severity: 'error', message: `no ${kind} file found`, file: expected, line: 1, column: 1, hint: `add ${expected}` });
    }
    for (const extra of list.slice(1)) {
      diagnostics.push(diagnosticAt(extra.file, [kind], `duplicate-${kind}`, `a second ${kind} file; the first is ${list[0]!.file.path}`, { atKey: true }));
    }
    return list[0];
  };
  const serviceEntry = single('service', 'specs/service.yaml');
  const errorsEntry = single('errors', 'specs/errors.yaml');
  const emulatorEntry = single('emulator', 'specs/emulator.yaml');
  sources.service = serviceEntry?.file;
  sources.errors = errorsEntry?.file;
  sources.emulator = emulatorEntry?.file;

  for (const { file, data } of byKind.get('workflow') ?? []) {
    const name = data.workflow as string;
    const first = sources.workflows.get(name);
    if (first) diagnostics.push(diagnosticAt(file, ['workflow'], 'duplicate-workflow', `workflow \`${name}\` is already declared in ${first.path}`));
    else sources.workflows.set(name, file);
  }

  // Types first: fields of actions refer to them.
  const typeNames = new Set<string>();
  for (const { file, data } of byKind.get('type') ?? []) {
    const name = data.type as string;
    if (!declareOnce(sources.types, name, file, ['type'], 'duplicate-type', `type \`${name}\``)) continue;
    typeNames.add(name);
    checkFileName(file, name, diagnostics, ['type']);
  }

  const resolve = (file: SpecFile, path: SpecPath, text: string): M.TypeRef | undefined => {
    const m = /^([A-Za-z][A-Za-z0-9]*)(\[\])?$/.exec(text);
    if (!m) return undefined; // the JSON Schema pattern already reported it
    const base = m[1]!;
    let ref: M.TypeRef;
    if (SCALARS.has(base)) ref = { kind: 'scalar', scalar: base as M.Scalar };
    else if (typeNames.has(base)) ref = { kind: 'named', name: base };
    else if (/^[a-z]/.test(base)) {
      const hint = SCALAR_HINTS[base] ?? suggest(base, [...SCALARS]);
      diagnostics.push(diagnosticAt(file, path, 'unknown-type', `unknown type \`${base}\`: built-in types are string, integer, number and boolean`, hint ? { hint: `use ${hint}` } : {}));
      return undefined;
    } else {
      const close = suggest(base, [...typeNames]);
      diagnostics.push(
        diagnosticAt(file, path, 'missing-type', `type \`${base}\` is not declared in specs/types/`, {
          hint: close ? `did you mean \`${close}\`?` : `add specs/types/${base}.yaml`,
        }),
      );
      return undefined;
    }
    return m[2] ? { kind: 'array', items: ref } : ref;
  };

  const shape = (file: SpecFile, path: SpecPath, raw: Raw): M.Shape => {
    const required = new Set<string>(raw.required ?? []);
    const always = new Set<string>(raw.always ?? []);
    const fields: M.Field[] = [];
    for (const [name, f] of Object.entries<Raw>(raw.fields ?? {})) {
      const fieldPath = [...path, 'fields', name];
      const type = resolve(file, [...fieldPath, 'type'], f.type);
      const { line, column } = locate(file, fieldPath, true);
      fields.push({
        name,
        type: type ?? { kind: 'scalar', scalar: 'string' },
        ...(f.format !== undefined ? { format: f.format } : {}),
        description: f.description,
        ...(f.example !== undefined ? { example: f.example } : {}),
        ...(f.default !== undefined ? { default: f.default } : {}),
        required: required.has(name),
        always: always.has(name),
        nullable: f.nullable === true,
        deprecated: f.deprecated === true,
        constraints: pick(f, ['enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'maxBytes']),
        ...(f.audio ? { audio: f.audio } : {}),
        ...(f.references ? { references: f.references } : {}),
        loc: { file: file.path, line, column },
      });
    }
    const declared = new Set(fields.map((f) => f.name));
    const mustDeclare = (list: unknown, listPath: SpecPath, what: string): void => {
      if (!Array.isArray(list)) return;
      list.forEach((n: string, i) => {
        if (declared.has(n)) return;
        const close = suggest(n, [...declared]);
        diagnostics.push(diagnosticAt(file, [...listPath, i], 'undeclared-name', `\`${n}\` is listed in ${what} but is not a field here`, close ? { hint: `did you mean \`${close}\`?` } : {}));
      });
    };
    mustDeclare(raw.required, [...path, 'required'], '`required`');
    mustDeclare(raw.always, [...path, 'always'], '`always`');
    (raw.rules ?? []).forEach((r: Raw, i: number) => {
      const rp = [...path, 'rules', i];
      mustDeclare(r.require, [...rp, 'require'], 'a rule');
      mustDeclare(r.requireOneOf, [...rp, 'requireOneOf'], 'a rule');
      for (const k of Object.keys(r.when ?? {})) if (!declared.has(k)) diagnostics.push(diagnosticAt(file, [...rp, 'when', k], 'undeclared-name', `\`${k}\` in a rule's \`when\` is not a field here`, { atKey: true }));
    });
    const rules: M.RequestRule[] = (raw.rules ?? []).map((r: Raw) => ({
      ...(r.when ? { when: r.when } : {}),
      ...(r.require ? { require: r.require } : {}),
      ...(r.requireOneOf ? { requireOneOf: r.requireOneOf } : {}),
      description: r.description,
    }));
    return { fields, rules };
  };

  const types: M.NamedType[] = [];
  for (const [name, file] of sources.types) {
    const data = file.data as Raw;
    types.push({ name, description: data.description, usage: data.usage, shape: shape(file, [], data), loc: at(file, ['type']) });
  }

  const areas: M.Area[] = serviceEntry ? (serviceEntry.data.areas as M.Area[]).map((a) => ({ ...a })) : [];
  const areaIds = new Set(areas.map((a) => a.id));
  const actions: M.Action[] = [];
  for (const { file, data } of byKind.get('action') ?? []) {
    const name = data.action as string;
    if (!declareOnce(sources.actions, name, file, ['action'], 'duplicate-action', `action \`${name}\``)) continue;
    checkFileName(file, name, diagnostics, ['action']);
    const area = areaOf(file.path);
    if (!area || (serviceEntry && !areaIds.has(area))) {
      diagnostics.push(
        diagnosticAt(file, ['action'], 'unknown-area', `action files live in specs/actions/<area>/, and \`${area ?? file.path}\` is not an area of specs/service.yaml`, {
          hint: `areas: ${[...areaIds].join(', ')}`,
        }),
      );
    }
    actions.push({
      name,
      area: area ?? '',
      titleZh: data.titleZh,
      summary: data.summary,
      description: data.description,
      mutating: data.mutating,
      request: shape(file, ['request'], data.request),
      response: shape(file, ['response'], data.response),
      examples: data.examples,
      errors: data.errors ?? [],
      cases: data.cases ?? [],
      emulator: new EmulatorBuilder(file, diagnostics).behaviour(data.emulator, ['emulator']),
      loc: at(file, ['action']),
    });
  }

  if (!serviceEntry || !errorsEntry || !emulatorEntry) return { sources, diagnostics };
  const surface = <T>(file: SpecFile, name: string, build: () => T): T => {
    declareOnce(sources.surfaces, name, file, [], 'duplicate-surface', `\`${name}\``);
    sources.surfaces.set(name, file);
    return build();
  };
  const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);
  const s = serviceEntry.data;
  const areaOrder = new Map(areas.map((a, i) => [a.id, i]));
  const model: M.Model = {
    service: {
      service: s.service,
      name: s.name,
      nameZh: s.nameZh,
      version: s.version,
      contractVersion: s.contractVersion,
      description: s.description,
      endpoints: s.endpoints,
      signing: s.signing,
      envelope: { ...s.envelope },
      answer: answerOf(s.answer),
      limits: s.limits,
      headers: Object.entries<Raw>(s.headers).map(([name, h]) => ({ name, role: h.role, description: h.description, required: h.required === true, ...pick(h, ['legacy', 'enum', 'example']) })),
      defaultRegion: s.defaultRegion,
      local: s.local,
    },
    areas,
    types: types.sort((a, b) => a.name.localeCompare(b.name)),
    actions: actions.sort((a, b) => (areaOrder.get(a.area) ?? 99) - (areaOrder.get(b.area) ?? 99) || a.name.localeCompare(b.name)),
    errors: Object.entries<Raw>(errorsEntry.data.errors)
      .map(([code, e]) => ({ code, ...pick(e, ['role']), scope: e.scope, description: e.description, message: e.message }) as M.ErrorCode)
      .sort((a, b) => a.code.localeCompare(b.code)),
    emulator: emulatorSpec(emulatorEntry.data),
    endpoints: (byKind.get('endpoint') ?? []).map(({ file, data }) => surface(file, data.endpoint, () => buildEndpoint(file, data, shape, diagnostics))).sort(byName),
    channels: (byKind.get('channel') ?? []).map(({ file, data }) => surface(file, data.channel, () => buildChannel(file, data, shape, diagnostics))).sort(byName),
    callbacks: (byKind.get('callback') ?? []).map(({ file, data }) => surface(file, data.callback, () => buildCallback(file, data, shape, diagnostics))).sort(byName),
    workflows: (byKind.get('workflow') ?? [])
      .map(({ file, data }) => ({
        name: data.workflow as string,
        title: data.title as string,
        description: data.description as string,
        steps: (data.steps as Raw[]).map((st) => ({
          action: st.action,
          title: st.title,
          params: st.params,
          expect: st.expect ?? 'success',
          capture: st.capture ?? {},
          ...(st.poll ? { poll: st.poll } : {}),
        })),
        loc: at(file, ['workflow']),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
  return { model, sources, diagnostics };
}

function pick<T extends Raw>(o: T, keys: readonly string[]): Raw {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}

function at(file: SpecFile, path: SpecPath): M.SourceLocation {
  const { line, column } = locate(file, path);
  return { file: file.path, line, column };
}

function areaOf(path: string): string | undefined {
  const m = /(?:^|\/)actions\/([^/]+)\/[^/]+$/.exec(path);
  return m?.[1];
}

function checkFileName(file: SpecFile, name: string, out: Diagnostic[], path: SpecPath): void {
  const base = file.path.split('/').pop()!.replace(/\.ya?ml$/, '');
  if (base !== name) {
    out.push(diagnosticAt(file, path, 'file-name', `\`${name}\` is declared in ${base}.yaml; name the file ${name}.yaml so it can be found`, { severity: 'error' }));
  }
}
