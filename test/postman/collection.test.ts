import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import sdk from 'postman-collection';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { HAS_SHARED, referencePath, SKIP_REASON } from '../helpers/shared.js';

const read = (f: string): string => readFileSync(join(PACKAGE_ROOT, f), 'utf8');
/** The files under src/ a script is made of, in order, as Postman stores them. */
const sandbox = (...files: string[]): string =>
  files.map((f) => readFileSync(join(PACKAGE_ROOT, 'src', `${f}.js`), 'utf8')).join('\n').replace(/\n$/, '');
const shared = (name: string): string => `collection/sandbox/${name}`;
const CHECKS = [shared('read-contract'), shared('read-answer'), shared('contract-formats'), shared('create-ajv'), shared('describe-ajv-errors'), shared('schema-validator')];
const collection = JSON.parse(read(OUTPUT_FILES.collection));
const local = JSON.parse(read(OUTPUT_FILES.localEnvironment));
const live = JSON.parse(read(OUTPUT_FILES.liveEnvironment));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = { name: string; item?: Node[]; request?: any; response?: any[] };
const leaves = (nodes: Node[]): Node[] => nodes.flatMap((n) => (n.item ? leaves(n.item) : [n]));
const requests = leaves(collection.item);
const FLASH = 'Flash recognition · 录音文件识别极速版';
const areaFolders = collection.item.filter((f: Node) => !['Workflows', 'Negative cases', FLASH].includes(f.name));
const isApi3 = (n: Node): boolean => n.request.header.some((h: { key: string }) => h.key === 'X-TC-Action');
const exampleRequests = leaves(areaFolders);

describe('generated Postman collection', () => {
  test.skipIf(!HAS_SHARED)(`validates against the Postman Collection v2.1.0 JSON Schema ${HAS_SHARED ? '' : SKIP_REASON}`, () => {
    const schema = JSON.parse(readFileSync(referencePath('postman-collection-v2.1.0.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const ok = validate(collection);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('round-trips through the postman-collection SDK unchanged in substance', () => {
    const parsed = new sdk.Collection(collection);
    let count = 0;
    parsed.forEachItem(() => count++);
    expect(count).toBe(requests.length);
    expect(parsed.events.count()).toBe(2);
  });

  test('has a folder per product area with one documented request per action, then workflows and negative cases', () => {
    expect(collection.item.map((f: Node) => f.name)).toEqual([...areaFolders.map((f: Node) => f.name), FLASH, 'Workflows', 'Negative cases']);
    expect(areaFolders).toHaveLength(8);
    expect(exampleRequests.map((r) => r.name).sort()).toHaveLength(33);
    for (const item of requests.filter(isApi3)) {
      const r = item.request;
      expect(r.method).toBe('POST');
      expect(r.url.raw).toBe('{{baseUrl}}/');
      const sent = r.header.filter((h: { disabled?: boolean }) => !h.disabled);
      expect(sent.map((h: { key: string }) => h.key)).toEqual(['Content-Type', 'X-TC-Action', 'X-TC-Version', 'X-TC-Region']);
      expect(sent[0].value).toBe('application/json; charset=utf-8');
      expect(r.header.filter((h: { disabled?: boolean }) => h.disabled).every((h: { key: string }) => h.key.startsWith('X-Contract-'))).toBe(true);
      expect(r.header.find((h: { key: string }) => h.key === 'X-Contract-Expect')?.value).toMatch(/^(success|error=[A-Za-z.]+)$/);
    }
    for (const item of exampleRequests) {
      const r = item.request;
      expect(r.header.find((h: { key: string }) => h.key === 'X-TC-Action').value).toBe(item.name);
      expect(r.description.type).toBe('text/markdown');
      expect(r.description.content).toMatch(/### Request parameters\n\n(\| Name \| Type \| Required \| Description \||_None._)/);
      expect(item.response!.length).toBeGreaterThan(0);
      expect(JSON.parse(item.response![0].body).Response.RequestId).toEqual(expect.any(String));
    }
  });

  test('flash requests send the generated WAV fixture, and their folders sign and test them', () => {
    const folders = [collection.item.find((f: Node & { event?: unknown[] }) => f.name === FLASH), collection.item.find((f: Node) => f.name === 'Negative cases').item.find((f: Node) => f.name === FLASH)];
    for (const folder of folders) {
      expect(folder.event.map((e: { listen: string; script: { exec: string[] } }) => [e.listen, e.script.exec.join('\n')])).toEqual([
        ['prerequest', sandbox(shared('read-contract'), shared('sign-probe'), shared('flash-signature'), 'postman/sandbox/sign-flash')],
        ['test', sandbox(...CHECKS, shared('flash-checks'), 'postman/sandbox/lib/postman-io', 'postman/sandbox/flash-tests')],
      ]);
    }
    const ok = folders[0].item[0];
    expect(ok.request.url.raw).toMatch(/^\{\{flashBaseUrl\}\}\/asr\/flash\/v1\/\{\{appId\}\}\?engine_type=16k_zh&voice_format=wav/);
    expect(ok.request.body).toEqual({ mode: 'file', file: { src: OUTPUT_FILES.flashAudio } });
    const wav = readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio));
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    expect(wav.subarray(8, 12).toString()).toBe('WAVE');
    expect(wav.readUInt32LE(24)).toBe(16000);
  });

  test('ids flow through variables: the create call captures, later calls use {{…}}', () => {
    const byName = new Map(exampleRequests.map((r) => [r.name, r]));
    const header = (name: string, key: string) => byName.get(name)!.request.header.find((h: { key: string }) => h.key === key)?.value;
    expect(header('CreateRecTask', 'X-Contract-Capture')).toBe('recTaskId=Data.TaskId');
    expect(byName.get('DescribeTaskStatus')!.request.body.raw).toContain('"TaskId": {{recTaskId}}');
    expect(byName.get('GetAsrVocab')!.request.body.raw).toContain('"VocabId": "{{vocabId}}"');
    const poll = leaves(collection.item.find((f: Node) => f.name === 'Workflows').item).find((r) => r.name.includes('DescribeTaskStatus'))!;
    expect(poll.request.header.find((h: { key: string }) => h.key === 'X-Contract-Poll').value).toMatch(/^Data\.Status=2; attempts=\d+; delayMs=\d+$/);
  });

  test('declares the documented variables, signs and tests at collection level with verbatim scripts', () => {
    expect(collection.variable.map((v: { key: string }) => v.key).slice(0, 4)).toEqual(['baseUrl', 'region', 'appId', 'flashBaseUrl']);
    expect(collection.variable.at(-1).key).toBe('contractSchemas');
    const [pre, tests] = collection.event;
    expect([pre.listen, tests.listen]).toEqual(['prerequest', 'test']);
    const sign = pre.script.exec.join('\n');
    expect(sign).toBe(sandbox(shared('read-contract'), shared('sign-probe'), shared('tc3-authorization'), 'postman/sandbox/sign-tc3'));
    expect(tests.script.exec.join('\n')).toBe(sandbox(...CHECKS, shared('contract-checks'), 'postman/sandbox/lib/postman-io', 'postman/sandbox/contract-tests'));
    expect(sign).toContain("require('crypto-js')");
    expect(sign).not.toMatch(/\bCryptoJS\./);
  });

  test('holds no secret: no credential variables in the collection, a secret-typed empty key in live', () => {
    // A collection variable syncs to the workspace and into exports; the credentials live in the environments only.
    const keys = collection.variable.map((v: { key: string }) => v.key);
    for (const name of ['secretId', 'secretKey', 'token']) {
      expect(keys).not.toContain(name);
      for (const env of [local, live]) expect(env.values.map((v: { key: string }) => v.key)).toContain(name);
    }
    expect(live.values.find((v: { key: string }) => v.key === 'token')).toMatchObject({ value: '', type: 'secret' });
    const liveKey = live.values.find((v: { key: string }) => v.key === 'secretKey');
    expect(liveKey).toMatchObject({ value: '', type: 'secret' });
    const localValues = Object.fromEntries(local.values.map((v: { key: string; value: string }) => [v.key, v.value]));
    expect(localValues.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // Only the emulator's documented test id may appear anywhere in generated/.
    for (const f of Object.values(OUTPUT_FILES)) {
      const ids = read(f).match(/AKID[0-9A-Za-z]{8,}/g) ?? [];
      expect(new Set(ids).size <= 1 && ids.every((id) => id === localValues.secretId)).toBe(true);
    }
  });

  test('every folder has a description; sequences say to use the Collection Runner, flash explains its file', () => {
    const folders: (Node & { description?: { content: string; type: string } })[] = [];
    const walk = (nodes: Node[], path: string[]): void => {
      for (const n of nodes) if (n.item) (folders.push(Object.assign(n, { path: [...path, n.name] })), walk(n.item, [...path, n.name]));
    };
    walk(collection.item, []);
    expect(folders.length).toBeGreaterThanOrEqual(25);
    for (const f of folders) {
      expect(f.description?.type, f.name).toBe('text/markdown');
      expect(f.description!.content.length, f.name).toBeGreaterThan(40);
    }
    const workflows = collection.item.find((f: Node) => f.name === 'Workflows');
    expect(workflows.item).toHaveLength(6);
    for (const f of [workflows, ...workflows.item, ...areaFolders]) expect(f.description.content, f.name).toContain('Collection Runner');
    for (const f of folders.filter((x) => x.name === FLASH)) expect(f.description!.content).toMatch(/Settings → General → Working directory\*\* to a checkout of this project[\s\S]*`code` 4012/);
  });

  test('saved examples open as JSON in the app', () => {
    const saved = exampleRequests.flatMap((r) => r.response!);
    expect(saved.length).toBeGreaterThanOrEqual(33);
    for (const r of saved) expect(r._postman_previewlanguage).toBe('json');
    expect(JSON.stringify(collection)).not.toMatch(/"_":/);
  });
});
