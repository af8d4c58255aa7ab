// Each folder under fixtures/bad-specs/ lays broken files over the mini spec (and may drop some, listed
// in remove.txt); expected.txt holds the exact diagnostics (file:line:column, rule, message, hint) the
// compiler must report. Every rule of the catalogue has at least one such fixture.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileSpecTexts } from '../../src/model/compile.js';
import { DIAGNOSTIC_RULES } from '../../src/spec/diagnostic-rules.js';
import { formatDiagnostic } from '../../src/spec/diagnostics.js';
import { readSpecTree } from '../../src/spec/load.js';
import { BAD_SPECS, badSpecCases, miniProjects, miniSpec, overlaid } from '../helpers/spec-fixtures.js';

/** Rules a committed fixture cannot show (git keeps no FIFO); the test named beside each makes its case. */
const MADE_BY_A_TEST: Record<string, string> = { 'not-a-file': 'a FIFO named *.yaml is reported, not read' };

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
    const shown = new Set(badSpecCases().flatMap((name) => [...expected(name).matchAll(/^\S+:\d+:\d+: (?:error|warning) ([a-z0-9-]+):/gm)].map((m) => m[1])));
    expect(Object.keys(DIAGNOSTIC_RULES).filter((rule) => !shown.has(rule) && !MADE_BY_A_TEST[rule])).toEqual([]);
  });

  test(MADE_BY_A_TEST['not-a-file']!, () => {
    const projects = miniProjects('asr-fifo-');
    try {
      const dir = projects.make();
      execFileSync('mkfifo', [join(dir, 'specs/types/Pipe.yaml')]);
      const r = compileSpecTexts(readSpecTree(join(dir, 'specs'), dir));
      expect(r.diagnostics.map(formatDiagnostic)).toEqual(['specs/types/Pipe.yaml:1:1: error not-a-file: it is a named pipe (FIFO), not a regular file, so it was not read']);
      rmSync(join(dir, 'specs/types/Pipe.yaml'));
    } finally {
      projects.removeAll();
    }
  });
});
