// Flash recognition on the emulator: signature (with a 180 s window, over the real host or the one
// it is reached at), the documented codes, a missing Content-Type, and a deterministic result.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { describeAjvError } from '../../src/model/ajv.js';
import { ModelValidators } from '../../src/model/validators.js';
import { signedEndpointRequest } from '../../src/signing/surface-urls.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let em: TestEmulator;
let validators: ModelValidators;
const wav = readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio));

beforeAll(async () => {
  em = await startTestEmulator();
  validators = ModelValidators.for(em.model);
});
afterAll(() => em.close());

interface FlashOptions {
  params?: Record<string, string>;
  body?: Buffer;
  signHost?: string;
  secretKey?: string;
  appId?: string;
  ageSeconds?: number;
  contentType?: string | null;
}

async function flash(o: FlashOptions = {}): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const endpoint = em.model.endpoints[0]!;
  const local = em.model.service.local;
  const signed = signedEndpointRequest(endpoint, {
    base: o.signHost ? `https://${o.signHost}` : em.url,
    appId: o.appId ?? local.appId,
    secretId: local.secretId,
    secretKey: o.secretKey ?? local.secretKey,
    params: o.params ?? { engine_type: '16k_zh', voice_format: 'wav', word_info: '1' },
    now: Math.floor(Date.now() / 1000) - (o.ageSeconds ?? 0),
  });
  const url = new URL(signed.url);
  const headers: Record<string, string> = { ...signed.headers };
  if (o.contentType !== null) headers['Content-Type'] = o.contentType ?? 'application/octet-stream';
  const res = await fetch(`${em.url}${url.pathname}${url.search}`, { method: 'POST', headers, body: o.body ?? wav });
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const validate = validators.surface(`response.${endpoint.name}`);
  expect(validate(body), (validate.errors ?? []).map(describeAjvError).join('; ')).toBe(true);
  return body;
}

describe('flash recognition on the emulator', () => {
  test('recognises the fixture deterministically, with channels, sentences and words that add up', async () => {
    const a = await flash();
    const b = await flash();
    expect(a.code).toBe(0);
    expect(a.request_id).toMatch(/^[0-9a-f]{24}$/);
    expect(a.flash_result).toEqual(b.flash_result);
    const channel = a.flash_result[0];
    expect(channel.channel_id).toBe(0);
    for (const s of channel.sentence_list) {
      expect(s.word_list.length).toBeGreaterThan(0);
      expect(s.start_time).toBe(s.word_list[0].start_time);
      expect(s.end_time).toBe(s.word_list.at(-1).end_time);
      for (let i = 1; i < s.word_list.length; i++) expect(s.word_list[i].start_time).toBe(s.word_list[i - 1].end_time);
    }
    expect(a.audio_duration).toBeGreaterThanOrEqual(channel.sentence_list.at(-1).end_time);
  });

  test.each([
    ['a missing Content-Type (the SDKs send none)', { contentType: null }, 0],
    ['a signature over the real host asr.cloud.tencent.com', { signHost: 'asr.cloud.tencent.com' }, 0],
    ['a timestamp 170 s old', { ageSeconds: 170 }, 0],
    ['a wrong key', { secretKey: 'wrong' }, 4002],
    ['a timestamp 190 s old', { ageSeconds: 190 }, 4002],
    ['another AppId in the path', { appId: '1999999999' }, 4002],
    ['a signature over another host', { signHost: 'asr.example.com' }, 4002],
    ['no audio', { body: Buffer.alloc(0) }, 4012],
    ['no engine_type', { params: { voice_format: 'wav' } }, 4001],
    ['an engine_type that does not exist', { params: { engine_type: '48k_klingon', voice_format: 'wav' } }, 4001],
  ] as const)('%s → code %i', async (_name, options, code) => {
    const r = await flash(options as FlashOptions);
    expect(r.code).toBe(code);
    if (code !== 0) {
      expect(r.flash_result).toBeUndefined();
      expect(r.audio_duration).toBe(0);
    }
  });

  test('audio over 100 MB → code 4011', async () => {
    const r = await flash({ body: Buffer.alloc(100 * 1024 * 1024 + 1) });
    expect(r.code).toBe(4011);
  });
});
