// The contract's version is declared once (specs/service.yaml `contractVersion`) and every output carries it.
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compileSpecTexts } from '../../src/model/compile.js';
import { OUTPUT_FILES, renderOutputs } from '../../src/outputs.js';
import { miniSpec } from '../helpers/spec-fixtures.js';

function outputsAt(version: string): Map<string, string | Buffer> {
  const texts = miniSpec().map((t) => (t.path === 'specs/service.yaml' ? { ...t, text: t.text.replace(/^contractVersion: .*$/m, `contractVersion: ${version}`) } : t));
  const { model, diagnostics } = compileSpecTexts(texts);
  if (!model) throw new Error(JSON.stringify(diagnostics));
  return renderOutputs(model);
}

describe('contract version', () => {
  test.each(['1.0.0', '2.3.4-rc.1'])('%s is info.version of the OpenAPI, AsyncAPI and collection documents', (version) => {
    const out = outputsAt(version);
    const text = (path: string): string => String(out.get(path));
    expect((JSON.parse(text(OUTPUT_FILES.openapiJson)) as { info: { version: string } }).info.version).toBe(version);
    expect((parseYaml(text(OUTPUT_FILES.openapiYaml)) as { info: { version: string } }).info.version).toBe(version);
    expect((parseYaml(text(OUTPUT_FILES.asyncapi)) as { info: { version: string } }).info.version).toBe(version);
    expect((JSON.parse(text(OUTPUT_FILES.collection)) as { info: { version: string } }).info.version).toBe(version);
    expect(text(OUTPUT_FILES.types)).toContain(`contract ${version})`);
  });

  test.each(['1.0', 'v1.0.0', '01.0.0'])('%s is refused: it is not a semantic version', (version) => {
    const texts = miniSpec().map((t) => (t.path === 'specs/service.yaml' ? { ...t, text: t.text.replace(/^contractVersion: .*$/m, `contractVersion: "${version}"`) } : t));
    const { model, diagnostics } = compileSpecTexts(texts);
    expect(model).toBeUndefined();
    expect(diagnostics.map((d) => `${d.file} ${d.rule} ${d.message}`)).toEqual([expect.stringMatching(/^specs\/service\.yaml schema `contractVersion` must match pattern/)]);
  });
});
