// Flash and WebSocket signatures and the callback CheckSum, against the verified vectors. Tencent's
// speech SDKs are not on npm, so these vectors are the external reference: each test fails if a
// single byte of the string to sign changes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { contractData } from '../../src/collection/contract-data.js';
import { OUTPUT_FILES } from '../../src/output-paths.js';
import { callbackChecksum, hmacSha1Base64, hmacSha1StringToSign } from '../../src/signing/hmac-sha1.js';
import { signedChannelUrl } from '../../src/signing/surface-urls.js';
import { projectModel } from '../helpers/emulator.js';
import { runSandboxScript } from '../helpers/sandbox-harness.js';
import { HAS_SHARED, referencePath, SKIP_REASON } from '../helpers/shared.js';
import { FIXTURES } from '../helpers/spec-fixtures.js';

interface Vector {
  id: string;
  secretKey: string;
  method?: string;
  host: string;
  path: string;
  params: Record<string, string>;
  stringToSign: string;
  signature: string;
  url?: string;
}

const vectors = parse(readFileSync(join(FIXTURES, 'signing/hmac-sha1-vectors.yaml'), 'utf8')) as Vector[];
const checksum = parse(readFileSync(join(FIXTURES, 'signing/callback-checksum.yaml'), 'utf8')) as { appId: string; signToken: string; body: string; checksum: string };
const require = createRequire(import.meta.url);
const cryptojs = require('crypto-js') as { HmacSHA1(m: string, k: string): { toString(enc: unknown): string }; enc: { Base64: unknown } };

describe('HMAC-SHA1 signatures (flash, WebSockets)', () => {
  test.each(vectors.map((v) => [v.id, v] as const))('%s · string to sign and signature', (_id, v) => {
    const s = hmacSha1StringToSign({ ...(v.method ? { method: v.method } : {}), host: v.host, path: v.path, params: v.params });
    expect(s).toBe(v.stringToSign);
    expect(hmacSha1Base64(v.secretKey, s)).toBe(v.signature);
  });

  test.each(vectors.map((v) => [v.id, v] as const))('%s · any single changed byte of the string to sign changes the signature', (_id, v) => {
    for (let i = 0; i < v.stringToSign.length; i++) {
      const changed = v.stringToSign.slice(0, i) + String.fromCharCode(v.stringToSign.charCodeAt(i) ^ 1) + v.stringToSign.slice(i + 1);
      expect(hmacSha1Base64(v.secretKey, changed), `byte ${i}`).not.toBe(v.signature);
    }
  });

  test('R1 · the signed URL is the documented one, signature URL-encoded and last', () => {
    const v = vectors.find((x) => x.id === 'R1')!;
    const channel = projectModel().channels.find((c) => c.name === 'realtime')!;
    const { secretid: secretId, timestamp, expired, nonce, ...params } = v.params;
    const { url } = signedChannelUrl(channel, {
      base: `wss://${v.host}`,
      appId: v.path.split('/').pop()!,
      secretId: secretId!,
      secretKey: v.secretKey,
      params,
      now: Number(timestamp),
      expiresIn: Number(expired) - Number(timestamp),
      nonce: nonce!,
    });
    expect(url).toBe(v.url);
  });

  test('F1 · the collection\'s flash signing script computes the documented Authorization', () => {
    const v = vectors.find((x) => x.id === 'F1')!;
    const { secretid, timestamp, ...query } = v.params;
    const out = runSandboxScript(
      'sign-flash',
      { method: 'POST', url: `https://${v.host}${v.path}?${Object.entries(query).map(([k, x]) => `${k}=${x}`).join('&')}`, headers: { 'X-Contract-Endpoint': 'FlashRecognition' }, body: '' },
      { secretId: secretid!, secretKey: v.secretKey },
      Number(timestamp) * 1000,
      { contractSchemas: contractData(projectModel(), OUTPUT_FILES.flashAudio) },
    );
    expect(out.headers.Authorization).toBe(v.signature);
  });

  test('an independent HMAC-SHA1 (crypto-js) agrees for random parameters', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z_]{1,12}$/), fc.string({ unit: 'grapheme', maxLength: 40 })), fc.string({ minLength: 1, maxLength: 40 }), (params, key) => {
        const s = hmacSha1StringToSign({ host: 'asr.cloud.tencent.com', path: '/asr/v2/1300000000', params });
        expect(hmacSha1Base64(key, s)).toBe(cryptojs.HmacSHA1(s, key).toString(cryptojs.enc.Base64));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  test('C1 · the stream callback CheckSum', () => {
    expect(callbackChecksum(checksum.appId, checksum.signToken, checksum.body)).toBe(checksum.checksum);
    expect(callbackChecksum(checksum.appId, checksum.signToken, `${checksum.body} `)).not.toBe(checksum.checksum);
  });

  test.skipIf(!HAS_SHARED)(`every published value is the one printed in PROTOCOLS.md ${HAS_SHARED ? '' : SKIP_REASON}`, () => {
    const text = readFileSync(referencePath('PROTOCOLS.md'), 'utf8');
    for (const v of vectors) {
      expect(text, v.id).toContain(v.signature);
      expect(text, v.id).toContain(v.stringToSign);
    }
    expect(text).toContain(checksum.checksum);
  });
});
