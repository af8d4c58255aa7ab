// Each folder under fixtures/bad-specs/ lays broken files over the mini spec; expected.txt holds
// the exact diagnostics (file:line:column, rule, message, hint) the compiler must report.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSpecTexts } from '../../src/model/compile.js';
import { formatDiagnostic } from '../../src/spec/diagnostics.js';
import { BAD_SPECS, badSpecCases, miniSpec, overlaid } from '../helpers/spec-fixtures.js';

describe('spec diagnostics', () => {
  test('the mini spec itself compiles without diagnostics', () => {
    const r = compileSpecTexts(miniSpec());
    expect(r.diagnostics).toEqual([]);
    expect(r.model?.actions.map((a) => a.name)).toEqual(['GetItem']);
  });

  test.each(badSpecCases())('%s', (name) => {
    const dir = join(BAD_SPECS, name);
    const r = compileSpecTexts(overlaid(dir));
    const expected = readFileSync(join(dir, 'expected.txt'), 'utf8');
    expect(r.diagnostics.map(formatDiagnostic).join('\n') + '\n').toBe(expected);
    if (r.diagnostics.some((d) => d.severity === 'error')) expect(r.model).toBeUndefined();
  });
});
