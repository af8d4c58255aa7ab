// The README points contributors at docs/spec-format.md and gives the editor set-up the reference
// itself gives; the setting names a schema that exists and a glob that covers every spec file.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { KIT_DOC_FILES } from '../../src/outputs.js';
import { renderSpecFormat, SCHEMA_PATH } from '../../src/spec-format/render.js';
import { readSpecTree } from '../../src/spec/load.js';

const README = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Add or change an action'), README.indexOf('## Tests'));
const jsonBlock = (text: string): Record<string, Record<string, string>> => JSON.parse(/```json\n([\s\S]*?)```/.exec(text)![1]!) as Record<string, Record<string, string>>;

describe('README › Add or change an action', () => {
  test('links the spec-format reference the build writes', () => {
    expect(SECTION).toContain(`[${KIT_DOC_FILES.specFormat}](${KIT_DOC_FILES.specFormat})`);
    expect(existsSync(join(PACKAGE_ROOT, KIT_DOC_FILES.specFormat))).toBe(true);
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
