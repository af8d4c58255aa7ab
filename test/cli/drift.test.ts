// asr-contract drift as a scheduled CI job runs it: exit 0 and "no drift" when specs/ agree with
// Tencent's definitions, exit 1 with one line per difference, exit 2 when the reference is unreadable.
import { resolveProject } from '../../src/project/resolve.js';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { sdkDirectory } from '../../src/drift/sdk-declarations.js';
import { compileSpecDir } from '../../src/model/compile.js';
import type { Model } from '../../src/model/types.js';
import { runCli } from '../helpers/cli.js';
import { HAS_SHARED, referencePath, SKIP_REASON } from '../helpers/shared.js';
import { modelAsTccliApi, type ApiJson } from '../helpers/tccli-api.js';

const model = compileSpecDir(PACKAGE_ROOT).model as Model;
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'asr-drift-'));
  temps.push(dir);
  return dir;
}
function writeApi(api: unknown): string {
  const path = join(tempDir(), 'api.json');
  writeFileSync(path, JSON.stringify(api));
  return path;
}
const memberOf = (api: ApiJson, object: string, name: string) => api.objects[object]!.members.find((m) => m.name === name)!;

describe('drift against the installed SDK declarations', () => {
  test('the pinned tencentcloud-sdk-nodejs-asr: no drift, exit 0', async () => {
    const { version } = sdkDirectory(PACKAGE_ROOT);
    const r = await runCli(['drift']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`no drift: specs/ match tencentcloud-sdk-nodejs-asr@${version} (33 actions)`);
  });

  test('an SDK release that drops a field is reported, exit 1', async () => {
    // A project whose node_modules holds a copy of the SDK declarations with one property deleted.
    const root = tempDir();
    cpSync(join(PACKAGE_ROOT, 'specs'), join(root, 'specs'), { recursive: true });
    const { dir } = sdkDirectory(PACKAGE_ROOT);
    const fake = join(root, 'node_modules/tencentcloud-sdk-nodejs-asr');
    const models = join(fake, 'tencentcloud/services/asr/v20190614');
    mkdirSync(models, { recursive: true });
    writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: 'tencentcloud-sdk-nodejs-asr', version: '9.9.9' }));
    cpSync(join(dir, 'asr_client.d.ts'), join(models, 'asr_client.d.ts'));
    const text = readFileSync(join(dir, 'asr_models.d.ts'), 'utf8');
    const [head, tail] = text.split('export interface CreateRecTaskRequest {');
    expect(tail).toContain('    ReplaceTextId?: string;\n');
    writeFileSync(join(models, 'asr_models.d.ts'), `${head}export interface CreateRecTaskRequest {${tail!.replace('    ReplaceTextId?: string;\n', '')}`);

    const { runDrift } = await import('../../src/cli/drift.js');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDrift([], { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: {}, cwd: root }, resolveProject(root, undefined));
    expect(err).toEqual([]);
    expect(code).toBe(1);
    expect(out.join('\n')).toBe(
      'CreateRecTask.request.ReplaceTextId  field unknown to Tencent\n\n1 difference between specs/ and tencentcloud-sdk-nodejs-asr@9.9.9',
    );
  });
});

describe('drift against a tccli api.json', () => {
  test('the model written out as api.json: no drift', async () => {
    const r = await runCli(['drift', '--tccli-api', writeApi(modelAsTccliApi(model))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no drift: specs\/ match .*api\.json \(33 actions\)$/);
  });

  // One mutation of Tencent's side per row, and the single line drift must print for it.
  test.each<[string, (api: ApiJson) => void, string]>([
    ['an action Tencent added', (api) => void (api.actions.TranscribeDreams = { input: 'CreateRecTaskRequest', output: 'CreateRecTaskResponse' }), 'TranscribeDreams  action missing from specs/'],
    ['an action Tencent removed', (api) => void delete api.actions.GetUsageByDate, 'GetUsageByDate  action unknown to Tencent'],
    ['a field Tencent added', (api) => void api.objects.CreateRecTaskRequest!.members.push({ ...memberOf(api, 'CreateRecTaskRequest', 'Url'), name: 'Mood', required: false }), 'CreateRecTask.request.Mood  field missing from specs/'],
    ['a field that became required', (api) => void (memberOf(api, 'CreateRecTaskRequest', 'Url').required = true), 'CreateRecTask.request.Url  required flag differs (specs: optional, Tencent: required)'],
    ['an integer that became a float', (api) => void (memberOf(api, 'CreateRecTaskRequest', 'ChannelNum').type = 'float'), 'CreateRecTask.request.ChannelNum  type differs (specs: integer, Tencent: number)'],
    ['a response field that may now be null', (api) => void (memberOf(api, 'DescribeTaskStatusResponse', 'Data').value_allowed_null = true), 'DescribeTaskStatus.response.Data  nullability differs (specs: never null, Tencent: nullable)'],
    ['a response field no longer always present', (api) => void (memberOf(api, 'CreateRecTaskResponse', 'Data').output_required = false), 'CreateRecTask.response.Data  presence differs (specs: always present, Tencent: optional)'],
    ['a field Tencent deprecated', (api) => void (memberOf(api, 'HotWord', 'Weight').disabled = true), 'types.HotWord.Weight  deprecation differs (specs: current, Tencent: deprecated)'],
  ])('%s', async (_name, mutate, line) => {
    const api = modelAsTccliApi(model);
    mutate(api);
    const r = await runCli(['drift', '--tccli-api', writeApi(api)]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(line);
    expect(lines.at(-1)).toMatch(/^1 difference between specs\/ and /);
  });

  test('--format json lists the findings', async () => {
    const api = modelAsTccliApi(model);
    delete api.actions.GetUsageByDate;
    const path = writeApi(api);
    const r = await runCli(['drift', '--tccli-api', path, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ reference: path, findings: [{ kind: 'action-only-in-specs', where: 'GetUsageByDate' }] });
  });

  test.skipIf(!HAS_SHARED)(`Tencent's api.json in ../shared: zero drift ${HAS_SHARED ? '' : SKIP_REASON}`, async () => {
    const r = await runCli(['drift', '--tccli-api', referencePath('tencentcloud-asr-2019-06-14/api.json')]);
    expect(r.stdout).toMatch(/^no drift/);
    expect(r.code).toBe(0);
  });
});

describe('drift input errors', () => {
  test.each([
    [['drift', '--tccli-api', '/nonexistent/api.json'], /cannot read \/nonexistent\/api\.json/],
    [['drift', '--format', 'xml'], /--format must be table or json, got "xml"/],
    [['drift', 'extra'], /extra/],
  ])('%j exits 2', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('a JSON file that is not an api.json exits 2', async () => {
    const r = await runCli(['drift', '--tccli-api', writeApi({ hello: 'world' })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a tccli api\.json/);
  });
});
