// The sandbox's ajv set-up (contract-formats.js, create-ajv.js, describe-ajv-errors.js) under both ajv
// versions a Postman sandbox may ship: 6.12.5 (newman 6, postman-sandbox 4 to 6) and 8 (later
// sandboxes, strict by default and without date-time). Every schema the collection carries must
// compile, accept the spec's examples and name the broken field the same way.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { contractData } from '../../src/collection/contract-data.js';
import { OUTPUT_FILES } from '../../src/output-paths.js';
import { projectModel } from '../helpers/emulator.js';

const require = createRequire(import.meta.url);
const lib = (name: string): string => readFileSync(join(PACKAGE_ROOT, 'src/collection/sandbox', `${name}.js`), 'utf8');

interface Validate {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
interface SandboxAjv {
  createAjv(): { compile(schema: unknown): Validate; formats?: Record<string, unknown>; _formats?: Record<string, unknown> };
  describeAjvErrors(errors: unknown, root: string): string;
}

function load(ajvModule: string): SandboxAjv {
  const ajv = require(ajvModule) as unknown;
  return runInNewContext(`${lib('contract-formats')}\n${lib('create-ajv')}\n${lib('describe-ajv-errors')}\n({ createAjv, describeAjvErrors })`, { require: (m: string) => (m === 'ajv' ? ajv : require(m)) }) as SandboxAjv;
}

const model = projectModel();
const contract = JSON.parse(contractData(model, OUTPUT_FILES.flashAudio)) as { actions: Record<string, unknown>; endpoints: Record<string, { response: unknown }> };
const formats = new Set<string>();
JSON.stringify(contract, (k, v: unknown) => (k === 'format' && typeof v === 'string' && formats.add(v), v));

describe.each([
  ['ajv 6.12.5, as in newman 6', 'ajv6'],
  ['ajv 8, as in later sandboxes', 'ajv'],
])('the sandbox ajv under %s', (_label, module) => {
  const sandbox = load(module);

  test('every format the schemas use is registered', () => {
    const ajv = sandbox.createAjv();
    expect(formats.size).toBeGreaterThan(0);
    for (const f of formats) expect(Object.keys(ajv.formats ?? ajv._formats ?? {}), f).toContain(f);
  });

  test.each(model.actions.map((a) => [a.name, a] as const))('%s: the schema compiles and accepts every example', (name, action) => {
    const validate = sandbox.createAjv().compile(contract.actions[name]);
    for (const e of action.examples) expect(validate(e.response), sandbox.describeAjvErrors(validate.errors, '(Response)')).toBe(true);
  });

  test.each(model.endpoints.map((e) => [e.name, e] as const))('%s: the schema compiles and accepts the success example', (name, endpoint) => {
    const validate = sandbox.createAjv().compile(contract.endpoints[name]!.response);
    expect(validate(endpoint.examples[0]!.response), sandbox.describeAjvErrors(validate.errors, '(body)')).toBe(true);
  });

  test.each([
    ['a field of the wrong type', 'DescribeTaskStatus', (r: Record<string, any>) => ((r.Data.TaskId = 'x'), r), /^\/Data\/TaskId (should|must) be integer \[type\]/],
    ['a required field dropped', 'DescribeTaskStatus', (r: Record<string, any>) => (delete r.Data.Status, r), /^\/Data\/Status is missing \[required\]/],
    ['a date-time that is not one', 'GetAsrVocab', (r: Record<string, any>) => ((r.CreateTime = 'yesterday'), r), /^\/CreateTime (should|must) match format "date-time" \[format\]/],
  ] as const)('%s is named by its JSON pointer and rule', (_t, action, breakIt, message) => {
    const validate = sandbox.createAjv().compile(contract.actions[action]);
    const example = structuredClone(model.actions.find((a) => a.name === action)!.examples[0]!.response) as Record<string, any>;
    expect(validate(breakIt(example))).toBe(false);
    expect(sandbox.describeAjvErrors(validate.errors, '(Response)')).toMatch(message);
  });
});
