// The Bruno collection's precompiled response validators (generated/bruno/validators/, src/bruno/
// validators.ts): one per schema of the contract data, self-contained as Bruno's sandbox loads them,
// with exactly the verdicts and messages of a validator the sandbox compiles itself; and bru really
// loads them, falling back to compiling when they are absent.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parse } from 'yaml';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { BRUNO_VALIDATORS_DIR, brunoValidators } from '../../src/bruno/validators.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { contractDataObject, type ContractData } from '../../src/collection/contract-data.js';
import { BRUNO_DIR } from '../../src/outputs.js';
import { runBru } from '../helpers/bruno.js';
import { emulators, projectModel } from '../helpers/emulator.js';
import { MUTATION_KINDS, mutate } from '../helpers/mutating-proxy.js';

const require = createRequire(import.meta.url);
const COLLECTION = join(PACKAGE_ROOT, BRUNO_DIR);
const VALIDATORS = join(COLLECTION, BRUNO_VALIDATORS_DIR);
const model = projectModel();

interface Validate {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
const lib = (name: string): string => readFileSync(join(PACKAGE_ROOT, 'src/collection/sandbox', `${name}.js`), 'utf8');
/** The sandbox's own ajv set-up under ajv 8 (Bruno's major): what a validator compiled in the sandbox does. */
const sandbox = runInNewContext(`${lib('contract-formats')}\n${lib('create-ajv')}\n${lib('describe-ajv-errors')}\n({ createAjv, describeAjvErrors })`, {
  require: (m: string) => require(m),
}) as { createAjv(): { compile(schema: unknown): Validate }; describeAjvErrors(errors: unknown, root: string): string };

/**
 * A module as Bruno's safe sandbox evaluates it: `module` and a `require` that knows nothing. The
 * answer is parsed in the module's realm, as in the sandbox (object equality compares constructors).
 */
function load(text: string): Validate {
  const context = {
    module: { exports: {} as unknown },
    require: (id: string) => {
      throw new Error(`Cannot find module ${id}`);
    },
  };
  runInNewContext(text, context);
  const validate = context.module.exports as Validate;
  const parse = runInNewContext('JSON.parse', context) as (text: string) => unknown;
  const inRealm = (answer: unknown): boolean => {
    const ok = validate(answer === undefined ? undefined : parse(JSON.stringify(answer)));
    inRealm.errors = validate.errors;
    return ok;
  };
  inRealm.errors = null as unknown[] | null | undefined;
  return inRealm;
}

const data = parse(readFileSync(join(COLLECTION, 'opencollection.yml'), 'utf8')).request.variables.find((v: { name: string }) => v.name === 'contractSchemas').value;
const contract = JSON.parse(data) as ContractData;
const schemas = new Map<string, unknown>([...Object.entries(contract.actions), ...Object.entries(contract.endpoints).map(([n, e]): [string, unknown] => [n, e.response])]);

type Json = unknown;
function retype(v: Json): Json {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return { notAList: true };
  if (v === null) return 7;
  return 'not-an-object';
}

/** The answer broken at every place: each value retyped, nulled, dropped, or past a length limit in emoji. */
function brokenAnswers(answer: Json): Json[] {
  const out: Json[] = [];
  const visit = (node: Json, set: (v: Json | undefined) => Json): void => {
    for (const v of [retype(node), null, undefined, '😀'.repeat(30), '😀'.repeat(31), -1, 2 ** 53 + 2, 1.5, '2026-13-45T99:00:00Z']) out.push(set(v));
    if (node === null || typeof node !== 'object') return;
    for (const key of Object.keys(node)) {
      visit((node as Record<string, Json>)[key], (v) => {
        const copy = structuredClone(node) as Record<string, Json>;
        if (v === undefined && !Array.isArray(copy)) delete copy[key];
        else copy[key] = v;
        return set(copy);
      });
    }
  };
  visit(answer, (v) => v);
  return out;
}

/** Each schema's answers: the spec's examples, each broken every way, and the mutation proxy's breakages. */
function answersOf(name: string): Json[] {
  const action = model.actions.find((a) => a.name === name);
  const examples = action ? action.examples.map((e) => e.response) : [model.endpoints.find((e) => e.name === name)!.examples[0]!.response];
  const mutated = action
    ? examples.flatMap((e) => MUTATION_KINDS.map((k) => mutate(k, model, name, 200, { Response: structuredClone(e) })?.body).flatMap((b) => (b && typeof b === 'object' ? [(b as { Response: Json }).Response] : [])))
    : [];
  return [...examples, ...mutated, ...examples.flatMap(brokenAnswers)];
}

describe('precompiled validators of the Bruno collection', () => {
  test('one module per response schema of contractSchemas, and contractSchemas names their folder', () => {
    expect(contract.validators).toBe(BRUNO_VALIDATORS_DIR);
    expect(readdirSync(VALIDATORS).sort()).toEqual([...schemas.keys()].map((n) => `${n}.cjs`).sort());
    const built = brunoValidators(contractDataObject(model, 'flash-sample.wav', BRUNO_VALIDATORS_DIR));
    for (const [path, text] of built) expect(readFileSync(join(COLLECTION, path), 'utf8'), path).toBe(text);
  });

  test('the app is told to leave the validators folder out of the sidebar', () => {
    const yml = parse(readFileSync(join(COLLECTION, 'opencollection.yml'), 'utf8'));
    expect(yml.extensions.bruno.ignore).toContain(BRUNO_VALIDATORS_DIR.replace(/\/$/, ''));
  });

  test.each([...schemas.keys()])('%s: loads with no require, and answers as the sandbox-compiled validator does, example by example and breakage by breakage', (name) => {
    const precompiled = load(readFileSync(join(VALIDATORS, `${name}.cjs`), 'utf8'));
    const compiled = sandbox.createAjv().compile(schemas.get(name));
    const verdict = (v: Validate, answer: Json) => [v(answer), sandbox.describeAjvErrors(v.errors, '(Response)')];
    const answers = answersOf(name);
    expect(answers.length).toBeGreaterThan(10);
    let failing = 0;
    for (const answer of answers) {
      const expected = verdict(compiled, answer);
      expect(verdict(precompiled, answer), JSON.stringify(answer)).toEqual(expected);
      if (expected[0] === false) failing++;
    }
    expect(failing).toBeGreaterThan(0);
  });

  test('ajv runtime helpers are inlined: character counts (maxLength) and object equality (enum, uniqueItems)', () => {
    const schema = {
      type: 'object',
      properties: { Name: { type: 'string', maxLength: 2 }, Pick: { enum: [{ a: 1 }, { b: [2] }] }, Tags: { type: 'array', uniqueItems: true, items: { type: 'object' } } },
    };
    const built = brunoValidators({ ...contract, actions: { Synthetic: schema }, endpoints: {} });
    const text = built.get(`${BRUNO_VALIDATORS_DIR}Synthetic.cjs`)!;
    expect(text).not.toMatch(/require\(/);
    const precompiled = load(text);
    const compiled = sandbox.createAjv().compile(schema);
    for (const answer of [{ Name: '😀😀' }, { Name: '😀😀😀' }, { Pick: { b: [2] } }, { Pick: { b: [3] } }, { Tags: [{ x: 1 }, { x: 1 }] }, { Tags: [{ x: 1 }, { x: 2 }] }]) {
      expect([precompiled(answer), precompiled.errors], JSON.stringify(answer)).toEqual([compiled(answer), compiled.errors ?? null]);
    }
  });

  test('a schema whose code would need another ajv helper is refused at build time, by name', () => {
    expect(() => brunoValidators({ ...contract, actions: { Later: { $async: true, type: 'object' } }, endpoints: {} })).toThrow(
      /^ajv's standalone code for Later calls require\("ajv\/dist\/runtime\/validation_error"\), which Bruno's sandbox cannot load/,
    );
  });
});

describe('bru loads the precompiled validators', () => {
  const fresh = emulators();
  afterEach(fresh.stopAll);
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const USAGE = 'Usage · 用量查询';

  /** A copy of the collection with only the usage folder, its validators changed by `edit`. */
  function copy(edit: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'asr-bruno-validators-'));
    dirs.push(dir);
    for (const f of ['opencollection.yml', 'environments', USAGE, BRUNO_VALIDATORS_DIR]) cpSync(join(COLLECTION, f), join(dir, f), { recursive: true });
    edit(join(dir, BRUNO_VALIDATORS_DIR));
    return dir;
  }
  const run = async (dir: string) => {
    const e = await fresh.start();
    return runBru(dir, ['--env', 'local', '--env-var', `baseUrl=${e.url}`], 120_000);
  };
  const schemaTest = (r: Awaited<ReturnType<typeof run>>) => r.results.flatMap((x) => x.testResults).find((t) => t.description.endsWith('response matches schema'));

  test('the schema check runs the module in validators/: one that refuses everything fails it with its own words', async () => {
    const dir = copy((v) => writeFileSync(join(v, 'GetUsageByDate.cjs'), "module.exports = function refuse() { refuse.errors = [{ instancePath: '/Planted', keyword: 'planted', message: 'comes from the module' }]; return false; };\n"));
    const bru = await run(dir);
    expect(schemaTest(bru)).toMatchObject({ status: 'fail' });
    expect(schemaTest(bru)!.error).toContain('/Planted comes from the module [planted]');
  }, 150_000);

  test('without the validators folder the checks compile the schema in the sandbox, with the same verdicts', async () => {
    const dir = copy((v) => rmSync(v, { recursive: true }));
    const bru = await run(dir);
    expect(bru.summary.failedTests, bru.output.slice(-2000)).toBe(0);
    expect(schemaTest(bru)).toMatchObject({ status: 'pass' });
  }, 150_000);
});

