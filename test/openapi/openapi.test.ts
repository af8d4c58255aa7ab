import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, loadConfig } from '@redocly/openapi-core';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';

const read = (f: string): string => readFileSync(join(PACKAGE_ROOT, f), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;
beforeAll(() => {
  doc = JSON.parse(read(OUTPUT_FILES.openapiJson));
});

describe('generated OpenAPI document', () => {
  test('lints clean under Redocly recommended rules (redocly.yaml)', async () => {
    const config = await loadConfig({ configPath: join(PACKAGE_ROOT, 'redocly.yaml') });
    const problems = await lint({ ref: join(PACKAGE_ROOT, OUTPUT_FILES.openapiJson), config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  test('the YAML rendering is the same document', () => {
    expect(parseYaml(read(OUTPUT_FILES.openapiYaml))).toEqual(doc);
  });

  test('is OpenAPI 3.1 with one POST operation per action, keyed by a fragment path', () => {
    expect(doc.openapi).toBe('3.1.0');
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/#'))
      .map(([path, item]) => [path, Object.keys(item as object), (item as { post: { operationId: string } }).post.operationId]);
    expect(ops).toHaveLength(33);
    for (const [path, methods, id] of ops) {
      expect(methods).toEqual(['post']);
      expect(path).toBe(`/#X-TC-Action=${id}`);
    }
  });

  test('every operation fixes X-TC-Action to its own name and references the common headers', () => {
    for (const [path, item] of Object.entries(doc.paths) as [string, { post: { operationId: string; parameters: { name?: string; schema?: { const?: string }; $ref?: string }[] } }][]) {
      if (!path.startsWith('/#')) continue;
      const op = item.post;
      const action = op.parameters.find((p) => p.name === 'X-TC-Action');
      expect(action?.schema?.const).toBe(op.operationId);
      // Tools that predate 3.1 ignore const: the same value as a one-value enum, a default and an example.
      expect(action?.schema).toMatchObject({ enum: [op.operationId], default: op.operationId, example: op.operationId });
      const refs = op.parameters.filter((p) => p.$ref).map((p) => p.$ref);
      expect(refs).toEqual(expect.arrayContaining(['#/components/parameters/XTCVersion', '#/components/parameters/XTCTimestamp', '#/components/parameters/XTCRegion']));
    }
    expect(doc.components.parameters.XTCVersion.schema.enum).toEqual(['2019-06-14']);
  });

  test('tags follow the product areas and every operation has one', () => {
    const tags = doc.tags.map((t: { name: string }) => t.name);
    expect(tags).toHaveLength(9); // 8 product areas and flash recognition
    for (const item of Object.values(doc.paths) as { post: { tags: string[] } }[]) expect(tags).toContain(item.post.tags[0]);
  });

  test('documents TC3-HMAC-SHA256 and the two Tencent envelopes', () => {
    expect(doc.components.securitySchemes['TC3-HMAC-SHA256']).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(doc.components.securitySchemes['TC3-HMAC-SHA256'].description).toMatch(/tc3_request/);
    expect(doc.components.schemas.ErrorEnvelope.properties.Response.required).toEqual(['Error', 'RequestId']);
    const op = doc.paths['/#X-TC-Action=CreateRecTask'].post;
    expect(Object.keys(op.responses)).toEqual(['200']);
    expect(op.responses['200'].content['application/json'].schema.oneOf).toEqual([
      { $ref: '#/components/schemas/CreateRecTaskEnvelope' },
      { $ref: '#/components/schemas/ErrorEnvelope' },
    ]);
    expect(doc.components.schemas.CreateRecTaskResponse.required).toContain('RequestId');
  });

  test('flash recognition is an operation on its own server, with a binary body and its own signature', () => {
    const item = doc.paths['/asr/flash/v1/{appId}'];
    expect(item.servers).toEqual([expect.objectContaining({ url: 'https://asr.cloud.tencent.com' })]);
    const op = item.post;
    expect(op.servers).toEqual(item.servers); // generators read one place or the other
    expect(op.operationId).toBe('FlashRecognition');
    expect(op.parameters.find((p: { name: string }) => p.name === 'appId')).toMatchObject({ in: 'path', required: true });
    expect(op.parameters.find((p: { name: string }) => p.name === 'engine_type')).toMatchObject({ in: 'query', required: true });
    expect(Object.keys(op.requestBody.content)).toEqual(['application/octet-stream']);
    expect(op.security).toEqual([{ FlashRecognitionSignature: [] }]);
    expect(doc.components.securitySchemes.FlashRecognitionSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(doc.components.schemas.FlashRecognitionResponse.required).toEqual(['request_id', 'code', 'message', 'audio_duration']);
  });

  test('the two callbacks hang off the actions that name a callback URL', () => {
    const rec = doc.paths['/#X-TC-Action=CreateRecTask'].post.callbacks.RecTaskCallback['{$request.body#/CallbackUrl}'].post;
    expect(Object.keys(rec.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(rec.responses['200'].content['application/json'].examples.success.value).toEqual({ code: 0, message: 'success' });
    const stream = doc.paths['/#X-TC-Action=CreateAsyncRecognitionTask'].post.callbacks.StreamTaskCallback['{$request.body#/CallbackUrl}'].post;
    expect(Object.keys(stream.requestBody.content)).toEqual(['application/json']);
    expect(stream.parameters).toEqual([expect.objectContaining({ name: 'CheckSum', in: 'header' })]);
  });

  test('integers stay apart from numbers, and nullable fields allow null', () => {
    const s = doc.components.schemas;
    expect(s.TaskStatus.properties.TaskId).toMatchObject({ type: 'integer', format: 'uint64' });
    expect(s.TaskStatus.properties.AudioDuration).toMatchObject({ type: ['number', 'null'], format: 'float' });
    expect(s.TaskStatus.properties.ResultDetail.type).toEqual(['array', 'null']);
    expect(s.CreateRecTaskRequest.properties.SourceType.enum).toEqual([0, 1]);
    expect(s.CreateRecTaskRequest.required).toEqual(['EngineModelType', 'ChannelNum', 'ResTextFormat', 'SourceType']);
  });

  test('every operation carries x-codeSamples: nine forms per action, five for flash', () => {
    const labels = (op: { 'x-codeSamples': { lang: string; label: string; source: string }[] }): string[] => op['x-codeSamples'].map((x) => x.label);
    for (const [path, item] of Object.entries(doc.paths) as [string, { post: Parameters<typeof labels>[0] & { operationId: string } }][]) {
      const expected = path.startsWith('/#') ? ['Node.js', 'Python', 'Go', 'Java', 'PHP', '.NET', 'C++', 'tccli', 'curl'] : ['Node.js', 'Python (speech SDK)', 'Go (speech SDK)', 'Java (speech SDK)', 'curl'];
      expect(labels(item.post), item.post.operationId).toEqual(expected);
      if (path.startsWith('/#')) for (const sample of item.post['x-codeSamples']) expect(sample.source, `${item.post.operationId} ${sample.label}`).toContain(item.post.operationId);
    }
  });
});
