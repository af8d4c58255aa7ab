// Codes named by actions and cases must exist in specs/errors.yaml, which the emulator and the docs read.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import { suggest } from '../../spec/suggest.js';
import type { Sources } from '../build.js';
import type { Model } from '../types.js';

export function checkErrorCodes(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = model.errors.map((e) => e.code);
  const knownSet = new Set(known);
  const check = (code: string, file: Parameters<typeof diagnosticAt>[0], path: (string | number)[]): void => {
    if (knownSet.has(code)) return;
    const close = suggest(code, known);
    out.push(diagnosticAt(file, path, 'unknown-error-code', `error code \`${code}\` is not in specs/errors.yaml`, close ? { hint: `did you mean \`${close}\`?` } : {}));
  };
  for (const a of model.actions) {
    const file = sources.actions.get(a.name)!;
    a.errors.forEach((code, i) => check(code, file, ['errors', i]));
    a.cases.forEach((c, i) => {
      if (c.expect !== 'success') check(c.expect.error, file, ['cases', i, 'expect', 'error']);
    });
  }
  return out;
}
