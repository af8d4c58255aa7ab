// The contributors' guide points at docs/spec-format.md and gives the editor set-up the reference
// itself gives; the setting names a schema that exists and a glob that covers every spec file.
import { existsSync } from 'node:fs';
import { docSection } from '../helpers/doc-blocks.js';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { KIT_DOC_FILES } from '../../src/outputs.js';
import { renderSpecFormat, SCHEMA_PATH } from '../../src/spec-format/render.js';
import { readSpecTree } from '../../src/spec/load.js';

const SECTION = docSection('docs/architecture.md', '## Add or change an action', '## Tests');
const jsonBlock = (text: string): Record<string, Record<string, string>> => JSON.parse(/```json\n([\s\S]*?)```/.exec(text)![1]!) as Record<string, Record<string, string>>;

describe('docs/architecture.md › Add or change an action', () => {
  test('links the spec-format reference the build writes', () => {
    // The guide sits in docs/, so its link is relative to that folder.
    const link = relative('docs', KIT_DOC_FILES.specFormat);
    expect(SECTION).toContain(`[${KIT_DOC_FILES.specFormat}](${link})`);
    expect(existsSync(join(PACKAGE_ROOT, 'docs', link))).toBe(true);
  });

  test('shows the same yaml-language-server setting as the reference', () => {
    expect(jsonBlock(SECTION)).toEqual(jsonBlock(renderSpecFormat().slice(renderSpecFormat().indexOf('## Editor set-up'))));
  });

  test('the setting names the schema, and its glob covers every spec file', () => {
    const schemas = jsonBlock(SECTION)['yaml.schemas']!;
    expect(Object.keys(schemas)).toEqual([`./${SCHEMA_PATH}`]);
    expect(existsSync(join(PACKAGE_ROOT, SCHEMA_PATH))).toBe(true);
    const glob = schemas[`./${SCHEMA_PATH}`]!;
    expect(glob).toBe('specs/**/*.yaml');
    const files = readSpecTree(join(PACKAGE_ROOT, 'specs'), PACKAGE_ROOT).map((f) => f.path);
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => !/^specs\/(?:.+\/)?[^/]+\.yaml$/.test(f))).toEqual([]);
  });

  test('the modeline path reaches the schema from an action file', () => {
    const modeline = /# yaml-language-server: \$schema=(\S+?)`/.exec(SECTION)![1]!;
    const action = join(PACKAGE_ROOT, 'specs/actions/recorded-file');
    expect(relative(PACKAGE_ROOT, join(action, modeline))).toBe(SCHEMA_PATH);
  });
});
