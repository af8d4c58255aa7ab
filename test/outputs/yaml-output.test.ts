// The generated YAML documents are written in pieces, each kept between renders (src/yaml-output.ts);
// the text must be exactly what stringifying the whole document gives, first time and after an edit.
import { describe, expect, test } from 'vitest';
import { stringify } from 'yaml';
import { emitAsyncApi } from '../../src/asyncapi/emit.js';
import { emitOpenApi } from '../../src/openapi/emit.js';
import { documentYaml } from '../../src/yaml-output.js';
import { projectModel } from '../helpers/emulator.js';

const whole = (doc: unknown): string => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });

describe('YAML written in pieces', () => {
  const model = projectModel();
  test.each([
    ['openapi', () => emitOpenApi(model) as unknown as Record<string, unknown>],
    ['asyncapi', () => emitAsyncApi(model) as Record<string, unknown>],
  ])('%s: the same text as the whole document, before and after an edit', (name, emit) => {
    const doc = emit();
    expect(documentYaml(`test-${name}`, doc)).toBe(whole(doc));
    // A second render with one entry changed, one added and one removed reuses the rest.
    const edited = structuredClone(doc) as Record<string, Record<string, unknown>>;
    const [section, entries] = Object.entries(edited).find(([, v]) => v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2)!;
    const keys = Object.keys(entries);
    entries[keys[0]!] = { description: 'edited: a new description\nover two lines' };
    delete entries[keys[1]!];
    entries['/#added'] = { note: "it's new" };
    expect(section).toBeTruthy();
    expect(documentYaml(`test-${name}`, edited)).toBe(whole(edited));
    expect(documentYaml(`test-${name}`, doc)).toBe(whole(doc));
  });
});
