// src/collection/sandbox/read-contract.js: contractSchemas is parsed once per run and kept on a module the script
// requires anyway, reused only for the very same text. Correctness must not depend on the cache.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

const SOURCE = readFileSync(join(PACKAGE_ROOT, 'src/collection/sandbox/read-contract.js'), 'utf8');

/** Calls readContract(raw, holder) the way a script does, with contractSchemas set to `raw`. */
function read(raw: string | undefined, holder: object | undefined): { raw: string; contract: unknown; compiled: object } {
  return runInNewContext(`${SOURCE}\nreadContract(raw, holder)`, { raw, holder }) as never;
}

describe('the sandbox reads contractSchemas once per run', () => {
  test('the same text returns the same parsed contract, and what was compiled from it', () => {
    const holder = {};
    const first = read('{"api3":{"headers":{"action":"X-TC-Action"}}}', holder);
    (first.compiled as Record<string, unknown>).SentenceRecognition = 'compiled';
    const second = read('{"api3":{"headers":{"action":"X-TC-Action"}}}', holder);
    expect(second).toBe(first);
    expect((second.contract as { api3: unknown }).api3).toEqual({ headers: { action: 'X-TC-Action' } });
  });

  test.each([
    ['a re-imported collection (other text)', '{"api3":{"headers":{"action":"X-Other"}}}', { api3: { headers: { action: 'X-Other' } } }],
    ['text that is not JSON', '{"api3":', null],
    ['no variable at all', undefined, {}],
  ])('%s is read afresh, never served from the cache', (_name, raw, contract) => {
    const holder = {};
    read('{"api3":{"headers":{"action":"X-TC-Action"}}}', holder);
    const again = read(raw, holder);
    expect(again.contract).toEqual(contract);
    expect(again.compiled).toEqual({});
  });

  test('a holder that keeps nothing (frozen, or none) still gives the parsed contract', () => {
    expect(read('{"a":1}', Object.freeze({})).contract).toEqual({ a: 1 });
    expect(read('{"a":1}', undefined).contract).toEqual({ a: 1 });
  });
});
