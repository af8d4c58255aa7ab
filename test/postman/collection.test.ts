import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import sdk from 'postman-collection';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { HAS_SHARED, referencePath, SKIP_REASON } from '../helpers/shared.js';

const read = (f: string): string => readFileSync(join(PACKAGE_ROOT, f), 'utf8');
const collection = JSON.parse(read(OUTPUT_FILES.collection));
const local = JSON.parse(read(OUTPUT_FILES.localEnvironment));
const live = JSON.parse(read(OUTPUT_FILES.liveEnvironment));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const requests: any[] = collection.item.flatMap((folder: { item: unknown[] }) => folder.item);

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
    expect(count).toBe(33);
    expect(parsed.events.count()).toBe(1);
  });

  test('has one folder per product area and one signed-by-script request per action', () => {
    expect(collection.item.map((f: { name: string }) => f.name)).toHaveLength(8);
    expect(requests).toHaveLength(33);
    for (const item of requests) {
      const r = item.request;
      expect(r.method).toBe('POST');
      expect(r.url.raw).toBe('{{baseUrl}}/');
      const headers = Object.fromEntries(r.header.map((h: { key: string; value: string }) => [h.key, h.value]));
      expect(headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8', 'X-TC-Action': item.name, 'X-TC-Version': '2019-06-14', 'X-TC-Region': '{{region}}' });
      expect(() => JSON.parse(r.body.raw)).not.toThrow();
      expect(r.description.type).toBe('text/markdown');
      expect(r.description.content).toMatch(/### Request parameters\n\n(\| Name \| Type \| Required \| Description \||_None._)/);
      expect(item.response.length).toBeGreaterThan(0);
      expect(JSON.parse(item.response[0].body).Response.RequestId).toEqual(expect.any(String));
    }
  });

  test('declares the documented variables and signs at collection level with require("crypto-js")', () => {
    expect(collection.variable.map((v: { key: string }) => v.key)).toEqual(['baseUrl', 'secretId', 'secretKey', 'region', 'token', 'appId']);
    const [event] = collection.event;
    expect(event.listen).toBe('prerequest');
    const script = event.script.exec.join('\n');
    expect(script).toBe(readFileSync(join(PACKAGE_ROOT, 'src/postman/sandbox/sign-tc3.js'), 'utf8').replace(/\n$/, ''));
    expect(script).toContain("require('crypto-js')");
    expect(script).not.toMatch(/\bCryptoJS\./);
  });

  test('holds no secret: empty keys in the collection, a secret-typed empty key in live', () => {
    const vars = Object.fromEntries(collection.variable.map((v: { key: string; value: string }) => [v.key, v.value]));
    expect(vars.secretId).toBe('');
    expect(vars.secretKey).toBe('');
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
});
