// Stage 2a: every spec file against the JSON Schema of spec files (spec-file.schema.json).
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Diagnostic } from './diagnostics.js';
import { fileKind } from './file-kinds.js';
import type { SpecFile } from './load.js';
import { diagnosticAt, type SpecPath } from './locate.js';
import { specFileValidators } from './spec-file-validators.js';
import { suggest } from './suggest.js';

export function checkStructure(file: SpecFile): Diagnostic[] {
  const data = file.data;
  const kind = fileKind(data);
  if (!kind) {
    return [
      diagnosticAt(file, [], 'unknown-file-kind', 'a spec file must be a mapping with one of these top-level keys: action, endpoint, channel, callback, type, workflow, service, errors, emulator', {
        hint: 'see src/spec/spec-file.schema.json',
      }),
    ];
  }
  const validate = specFileValidators()[kind];
  if (validate(data)) return [];
  return dedupe(validate.errors ?? []).map((e) => toDiagnostic(file, e));
}

function pathOf(e: ErrorObject): (string | number)[] {
  return e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

// allErrors reports every branch of a oneOf/anyOf; keep the most specific message per place. A bad
// key name comes twice, as the name's own error and as `propertyNames`; the latter names the key.
function dedupe(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword) && e.propertyName === undefined);
  const chosen = specific.length > 0 ? specific : errors;
  const seen = new Set<string>();
  return chosen.filter((e) => {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDiagnostic(file: SpecFile, e: ErrorObject): Diagnostic {
  const path = pathOf(e);
  const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the file';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const close = suggest(key, allowed);
      return diagnosticAt(file, [...path, key], 'unknown-key', `unknown key \`${key}\` in ${where}`, {
        atKey: true,
        hint: close ? `did you mean \`${close}\`?` : allowed.length > 0 ? `allowed keys: ${allowed.join(', ')}` : undefined,
      });
    }
    case 'required':
      return diagnosticAt(file, path, 'missing-key', `${where} is missing \`${String(p.missingProperty)}\``);
    case 'propertyNames': {
      const key = String(p.propertyName);
      return diagnosticAt(file, [...path, key], 'bad-name', `\`${key}\` in ${where} is not a valid name`, { atKey: true });
    }
    case 'enum':
      return diagnosticAt(file, path, 'schema', `${where} must be one of: ${(p.allowedValues as unknown[]).join(', ')}`);
    default:
      return diagnosticAt(file, path as SpecPath, 'schema', `${where} ${e.message ?? 'is invalid'}`);
  }
}
