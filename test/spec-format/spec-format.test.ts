// docs/spec-format.md is rendered from the schema and the expression language's definitions; these
// hold those sources to the promise that every key and every expression form is documented, with
// examples that are right.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { compileSpecDir } from '../../src/model/compile.js';
import { BINARY_OPERATOR_DOCS, EXPR_FORMS, FUNCTION_DOCS, UNARY_OPERATOR_DOCS } from '../../src/model/expr-docs.js';
import { FUNCTIONS } from '../../src/model/expr-eval.js';
import { BINARY_LEVELS, parseExpr } from '../../src/model/expr.js';
import { KIT_DOC_FILES, renderOutputs } from '../../src/outputs.js';
import { renderSpecFormat, specFormatSections, valueTypeNames } from '../../src/spec-format/render.js';
import { everyKey } from '../../src/spec-format/schema-sections.js';
import specFileSchema from '../../src/spec/spec-file.schema.json' with { type: 'json' };
import { createSpecFileAjv } from '../../src/spec/spec-file-validators.js';

const { files, parts, steps } = specFormatSections();
const keys = everyKey([...files, ...parts, ...steps]);
const ajv = createSpecFileAjv();
const fits = (pointer: string, value: unknown): boolean => ajv.validate({ $ref: `${specFileSchema.$id}#${pointer}` }, value);

describe('every key of the spec format', () => {
  test('there are keys to document (the walk reaches nested objects and steps)', () => {
    expect(keys.length).toBeGreaterThan(300);
    expect(files.map((s) => s.id)).toContain('def-servicefile-signing-legacy-parameters');
    expect(steps.map((s) => s.id)).toContain('def-step-updatewhere');
  });

  test('has a description', () => {
    expect(keys.filter(({ key }) => key.description.trim() === '').map(({ where, key }) => `${where} › ${key.key}`)).toEqual([]);
  });

  test('has an example', () => {
    expect(keys.filter(({ key }) => !key.hasExample).map(({ where, key }) => `${where} › ${key.key}`)).toEqual([]);
  });

  test("has an example its own schema accepts", () => {
    expect(keys.filter(({ key }) => key.hasExample && !fits(key.pointer, key.example)).map(({ key }) => `${key.pointer}: ${JSON.stringify(key.example)} — ${ajv.errorsText()}`)).toEqual([]);
  });

  test('value types have a title, a description and an example their schema accepts', () => {
    const defs = specFileSchema.$defs as Record<string, { title?: string; description?: string; examples?: unknown[] }>;
    const bad = valueTypeNames().filter((n) => !defs[n]!.title || !defs[n]!.description || !defs[n]!.examples?.length || !fits(`/$defs/${n}`, defs[n]!.examples[0]));
    expect(bad).toEqual([]);
  });
});

describe('every part of the expression language', () => {
  test('each function has a documented entry, and nothing else does', () => {
    expect(Object.keys(FUNCTION_DOCS).sort()).toEqual(Object.keys(FUNCTIONS).sort());
  });

  test.each(Object.entries(FUNCTION_DOCS))('the example of %s calls it', (name, doc) => {
    const e = parseExpr(doc.example);
    expect(e).toMatchObject({ kind: 'call', callee: name });
  });

  test.each(Object.entries(EXPR_FORMS))('the example of the %s form is one', (kind, doc) => {
    expect(parseExpr(doc.example).kind).toBe(kind);
  });

  test.each(BINARY_LEVELS.flat())('the example of %s uses it at the top', (op) => {
    expect(parseExpr(BINARY_OPERATOR_DOCS[op].example)).toMatchObject({ kind: 'binary', op });
  });

  test.each(Object.entries(UNARY_OPERATOR_DOCS))('the example of unary %s uses it at the top', (op, doc) => {
    expect(parseExpr(doc.example)).toMatchObject({ kind: 'unary', op });
  });
});

describe('docs/spec-format.md', () => {
  test('is one of the outputs the build renders, so `build --check` covers it', () => {
    const { model } = compileSpecDir(PACKAGE_ROOT);
    expect(renderOutputs(model!).get(KIT_DOC_FILES.specFormat)).toBe(renderSpecFormat());
    expect(readFileSync(join(PACKAGE_ROOT, KIT_DOC_FILES.specFormat), 'utf8')).toBe(renderSpecFormat());
  });

  test('shows every key, with its example, in the table of its object', () => {
    const doc = renderSpecFormat();
    for (const s of [...files, ...parts, ...steps]) {
      const at = doc.indexOf(`<a id="${s.id}"></a>`);
      expect(at, s.id).toBeGreaterThan(0);
      const section = doc.slice(at, doc.indexOf('<a id=', at + 1));
      for (const k of s.keys) expect(section, `${s.id} ${k.key}`).toMatch(new RegExp(`^\\| \`${k.key}\` \\|.*\\| \`[^|]`, 'm'));
    }
  });

  test('links only to anchors it has', () => {
    const doc = renderSpecFormat();
    const anchors = new Set([...doc.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const links = [...doc.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.filter((l) => !anchors.has(l))).toEqual([]);
  });
});
