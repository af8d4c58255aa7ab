// The guide's recipes (docs/other-teams.md), run as written: openapi-typescript + openapi-fetch, @hey-api/openapi-ts and
// orval generate clients from generated/openapi.json into a scratch folder (never committed), the
// guide's signing middleware signs their requests, and each client calls every API 3.0 action (in
// lifecycle order, ids flowing from create to delete) and flash against the emulator. Only the
// endpoint changes. Every answer must be a success that matches the action's schema.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { describeAjvError } from '../../src/model/ajv.js';
import { contractCases } from '../../src/model/cases.js';
import { ModelValidators } from '../../src/model/validators.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { recipe, scenarioCommand } from '../helpers/doc-blocks.js';
import { swapOnce } from '../helpers/samples.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Calls one action through a generated client and returns the parsed body. */
type CallAction = (action: string, params: Record<string, unknown>) => Promise<Json>;

let em: TestEmulator;
let validators: ModelValidators;
const scratch = join(PACKAGE_ROOT, '.tmp');
mkdirSync(scratch, { recursive: true });
const dir = mkdtempSync(join(scratch, 'interop-'));
const cwd = process.cwd();
const API_HOST = 'https://asr.tencentcloudapi.com';
const FLASH_HOST = 'https://asr.cloud.tencent.com';

function sh(command: string): void {
  const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${command} failed:\n${r.stdout}${r.stderr}`);
}

const write = (name: string, text: string): void => writeFileSync(join(dir, name), text);
const load = async (name: string): Promise<Json> => import(pathToFileURL(join(dir, name)).href);
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

beforeAll(async () => {
  em = await startTestEmulator();
  validators = ModelValidators.for(em.model);
  const local = em.model.service.local;
  Object.assign(process.env, { TENCENTCLOUD_SECRET_ID: local.secretId, TENCENTCLOUD_SECRET_KEY: local.secretKey, TENCENTCLOUD_APPID: local.appId });
  mkdirSync(join(dir, 'generated'));
  copyFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.openapiJson), join(dir, OUTPUT_FILES.openapiJson));
  copyFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio), join(dir, 'audio.wav'));
  write('tc3-sign.ts', recipe('tc3-sign.ts'));
  // Generation is the guide's commands, verbatim (docs/other-teams.md).
  sh(scenarioCommand('generated-clients', 'npx openapi-typescript '));
  sh(scenarioCommand('generated-clients', 'npx openapi-ts '));
  write('orval.config.cjs', recipe('orval.config.cjs'));
  write('orval-fetch.ts', recipe('orval-fetch.ts'));
  sh(scenarioCommand('generated-clients', 'npx orval '));
  process.chdir(dir); // the recipes read audio.wav from the working directory
}, 120_000);
afterAll(async () => {
  process.chdir(cwd);
  await em?.close();
  rmSync(dir, { recursive: true, force: true });
});

const emulatorUrl = (): string => `http://127.0.0.1:${em.port}`;

function expectSuccess(action: string, body: Json): void {
  expect(body?.Response?.Error, `${action}: ${JSON.stringify(body)}`).toBeUndefined();
  const validate = validators.response(em.model.actions.find((a) => a.name === action)!);
  expect(validate(body.Response), `${action}: ${(validate.errors ?? []).map(describeAjvError).join('; ')}`).toBe(true);
}

function expectFlash(body: Json): void {
  const e = em.model.endpoints[0]!;
  const validate = validators.surface(`response.${e.name}`);
  expect(validate(body), (validate.errors ?? []).map(describeAjvError).join('; ')).toBe(true);
  expect(body[e.statusField], JSON.stringify(body)).toBe(0);
}

/** Every action once, in the contract's lifecycle order; `{{var}}` params take ids captured earlier. */
async function everyAction(call: CallAction): Promise<string[]> {
  const vars = new Map<string, unknown>();
  const called: string[] = [];
  for (const c of contractCases(em.model).filter((x) => x.kind === 'example' && !x.endpoint)) {
    const params = JSON.parse(JSON.stringify(c.params), (_k, v) => (typeof v === 'string' && /^\{\{\w+\}\}$/.test(v) ? vars.get(v.slice(2, -2)) : v));
    const body = await call(c.action, params);
    expectSuccess(c.action, body);
    for (const [name, path] of Object.entries(c.capture)) vars.set(name, path.split('.').reduce((o: Json, k) => o?.[k], body.Response));
    called.push(c.action);
  }
  return called;
}

const headers = (action: string): Record<string, string> => ({ 'X-TC-Action': action, 'X-TC-Version': em.model.service.version, 'X-TC-Timestamp': '0' });
const actionNames = (): string[] => em.model.actions.map((a) => a.name).sort();

describe('generated clients against the emulator', () => {
  test('the recipes type-check against the generated code (strict)', () => {
    write('asr-openapi-fetch.ts', recipe('asr-openapi-fetch.ts'));
    write('asr-hey-api.ts', recipe('asr-hey-api.ts'));
    const files = ['tc3-sign.ts', 'asr-openapi-fetch.ts', 'asr-hey-api.ts', 'orval-fetch.ts', 'asr-orval.ts'].map((f) => join(dir, f));
    const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: ['node'], lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'] });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  test('openapi-typescript + openapi-fetch: the recipe runs, then every action and flash', async () => {
    let source = swapOnce(recipe('asr-openapi-fetch.ts'), `'${API_HOST}'`, `'${emulatorUrl()}'`);
    source = swapOnce(source, `'${FLASH_HOST}'`, `'${emulatorUrl()}'`);
    write('run-openapi-fetch.ts', source);
    const mod = await load('run-openapi-fetch.ts');
    expectSuccess('CreateRecTask', mod.created.data);
    expectFlash(mod.flash.data);
    const called = await everyAction(async (action, params) => (await mod.asr.POST(`/#X-TC-Action=${action}`, { params: { header: headers(action) }, body: params })).data);
    expect([...called].sort()).toEqual(actionNames());
  });

  test('@hey-api/openapi-ts: the recipe runs, then every action and flash', async () => {
    let source = swapOnce(recipe('asr-hey-api.ts'), `'${API_HOST}'`, `'${emulatorUrl()}'`);
    source = swapOnce(source, `'${FLASH_HOST}'`, `'${emulatorUrl()}'`);
    write('run-hey-api.ts', source);
    const mod = await load('run-hey-api.ts');
    expectSuccess('CreateRecTask', mod.created.data);
    expectFlash(mod.flash.data);
    const sdk = await load('asr-client/sdk.gen.ts');
    const called = await everyAction(async (action, params) => (await sdk[lowerFirst(action)]({ headers: headers(action), body: params })).data);
    expect([...called].sort()).toEqual(actionNames());
  });

  test('orval: API 3.0 and flash each go to their own host, and every action answers', async () => {
    const generated = readFileSync(join(dir, 'asr-orval.ts'), 'utf8');
    expect(generated).toContain(`\`${API_HOST}/#X-TC-Action=CreateRecTask\``);
    expect(generated).toContain(`${FLASH_HOST}/asr/flash/v1/`);
    // Only the endpoint changes: both hosts point at the emulator, which serves both on one port.
    write('run-orval.ts', generated.split(API_HOST).join(emulatorUrl()).split(FLASH_HOST).join(emulatorUrl()));
    const orval = await load('run-orval.ts');
    const called = await everyAction(async (action, params) => (await orval[lowerFirst(action)](params, headers(action))).data);
    expect([...called].sort()).toEqual(actionNames());
  });
});
