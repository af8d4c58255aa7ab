// Each folder under fixtures/bad-specs/ lays broken files over the mini spec (and may drop some, listed
// in remove.txt); expected.txt holds the exact diagnostics (file:line:column, rule, message, hint) the
// compiler must report. Every rule of the catalogue has at least one such fixture.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSpecTexts } from '../../src/model/compile.js';
import { DIAGNOSTIC_RULES } from '../../src/spec/diagnostic-rules.js';
import { formatDiagnostic } from '../../src/spec/diagnostics.js';
import { BAD_SPECS, badSpecCases, miniSpec, overlaid } from '../helpers/spec-fixtures.js';

const expected = (name: string): string => readFileSync(join(BAD_SPECS, name, 'expected.txt'), 'utf8');

describe('spec diagnostics', () => {
  test('the mini spec itself compiles without diagnostics', () => {
    const r = compileSpecTexts(miniSpec());
    expect(r.diagnostics).toEqual([]);
    expect(r.model?.actions.map((a) => a.name)).toEqual(['GetItem']);
  });

  test.each(badSpecCases())('%s', (name) => {
    const r = compileSpecTexts(overlaid(join(BAD_SPECS, name)));
    expect(r.diagnostics.map(formatDiagnostic).join('\n') + '\n').toBe(expected(name));
    if (r.diagnostics.some((d) => d.severity === 'error')) expect(r.model).toBeUndefined();
  });

  test('every rule of the catalogue is shown by a fixture', () => {
    const shown = new Set(badSpecCases().flatMap((name) => [...expected(name).matchAll(/^\S+:\d+:\d+: (?:error|warning) ([a-z-]+):/gm)].map((m) => m[1])));
    expect(Object.keys(DIAGNOSTIC_RULES).filter((rule) => !shown.has(rule))).toEqual([]);
  });
});
