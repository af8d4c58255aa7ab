// Audio rules and resource references must name what exists: the parameters they read, the formats
// a format parameter allows, codes the action (or surface) answers with, and resource kinds.
import type { Diagnostic } from '../../spec/diagnostics.js';
import type { SpecFile } from '../../spec/load.js';
import { diagnosticAt, type SpecPath } from '../../spec/locate.js';
import type { AudioRules } from '../audio-types.js';
import type { Sources } from '../build.js';
import type { Field, Model, Shape } from '../types.js';

interface Site {
  file: SpecFile;
  /** Where the audio block is. */
  path: SpecPath;
  rules: AudioRules;
  /** The parameters the rules may read. */
  params: Shape;
  /** Whether a code may be used here, and what to say when it may not. */
  codeProblem: (code: string) => string | undefined;
}

function checkSite(site: Site, out: Diagnostic[]): void {
  const { file, path, rules, params } = site;
  const byName = new Map(params.fields.map((f) => [f.name, f]));
  for (const key of ['formatParameter', 'rateParameter', 'inputRateParameter', 'lengthParameter'] as const) {
    const name = rules[key];
    if (name !== undefined && !byName.has(name)) out.push(diagnosticAt(file, [...path, key], 'audio-ref', `\`${name}\` is not a parameter here`));
  }
  const format = rules.formatParameter ? byName.get(rules.formatParameter) : undefined;
  const allowed = format?.constraints.enum?.map(String);
  if (allowed) {
    for (const value of allowed) if (!(value in rules.formats)) out.push(diagnosticAt(file, [...path, 'formats'], 'audio-ref', `\`${rules.formatParameter}\` allows \`${value}\`, which formats does not map to a container`));
    for (const value of Object.keys(rules.formats)) if (!allowed.includes(value)) out.push(diagnosticAt(file, [...path, 'formats', value], 'audio-ref', `\`${value}\` is not a value of \`${rules.formatParameter}\``, { atKey: true }));
  }
  const needsRule: [keyof AudioRules, string][] = [
    ['maxSeconds', 'duration'],
    ['lengthParameter', 'length'],
  ];
  for (const [key, rule] of needsRule) if (rules[key] !== undefined && !(rule in rules.errors)) out.push(diagnosticAt(file, [...path, key], 'audio-ref', `${key} is set but errors has no \`${rule}\` code`));
  for (const [rule, error] of Object.entries(rules.errors)) {
    const problem = site.codeProblem(error!.code);
    if (problem) out.push(diagnosticAt(file, [...path, 'errors', rule, 'code'], 'audio-code', problem));
  }
}

export function checkAudioFacts(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const codes = new Set(model.errors.map((e) => e.code));
  const kinds = new Set(model.emulator.resources.map((r) => r.name));
  const references = (file: SpecFile, base: SpecPath, fields: readonly Field[]): void => {
    for (const f of fields) {
      if (f.references && !kinds.has(f.references)) {
        out.push(diagnosticAt(file, [...base, f.name, 'references'], 'references', `unknown resource kind \`${f.references}\``, { hint: `kinds: ${[...kinds].join(', ')}` }));
      }
    }
  };

  for (const action of model.actions) {
    const file = sources.actions.get(action.name)!;
    const listed = new Set(action.errors);
    references(file, ['request', 'fields'], action.request.fields);
    for (const field of action.request.fields) {
      if (!field.audio) continue;
      const path: SpecPath = ['request', 'fields', field.name, 'audio'];
      if (field.format !== 'byte') out.push(diagnosticAt(file, path, 'audio-ref', `\`${field.name}\` carries audio, so it needs \`format: byte\``, { atKey: true }));
      checkSite(
        {
          file,
          path,
          rules: field.audio,
          params: action.request,
          codeProblem: (code) =>
            !codes.has(code) ? `error code \`${code}\` is not in specs/errors.yaml` : !listed.has(code) ? `\`${code}\` is not in the errors ${action.name} lists; add it there` : undefined,
        },
        out,
      );
    }
  }
  const numeric = (known: readonly { code: number }[], name: string) => (code: string) => (known.some((c) => String(c.code) === code) ? undefined : `\`${code}\` is not one of the codes of ${name}`);
  for (const e of model.endpoints) {
    const file = sources.surfaces.get(e.name)!;
    references(file, ['query', 'fields'], e.query.fields);
    if (e.body.audio) checkSite({ file, path: ['body', 'audio'], rules: e.body.audio, params: e.query, codeProblem: numeric(e.codes, e.name) }, out);
  }
  for (const c of model.channels) {
    const file = sources.surfaces.get(c.name)!;
    references(file, ['query', 'fields'], c.query.fields);
    for (const m of c.messages) if (m.audio) checkSite({ file, path: ['messages', m.name, 'audio'], rules: m.audio, params: c.query, codeProblem: numeric(c.codes, c.name) }, out);
  }
  return out;
}
