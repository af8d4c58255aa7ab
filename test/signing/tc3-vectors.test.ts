// The published and computed TC3 vectors, against the Node signer, the official SDK's signer and
// the collection's own sandbox script.
import { readFileSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { sha256Hex, signTc3 } from '../../src/signing/tc3.js';
import { tc3Steps } from '../../src/signing/tc3-explain.js';
import { formatTc3Steps } from '../../src/signing/tc3-explain-text.js';
import { FIXTURES } from '../helpers/spec-fixtures.js';
import { runSandboxScript } from '../helpers/sandbox-harness.js';
import { HAS_SHARED, referencePath, SKIP_REASON } from '../helpers/shared.js';

interface Vector {
  id: string;
  origin: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
  payloadHash?: string;
  canonicalRequestHash?: string;
  signature: string;
  authorization?: string;
}

const vectors = parse(readFileSync(join(FIXTURES, 'signing/tc3-vectors.yaml'), 'utf8')) as Vector[];
const require = createRequire(import.meta.url);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default as {
  sign3(o: Record<string, unknown>): string;
};

describe('TC3-HMAC-SHA256 known answers', () => {
  test.each(vectors.map((v) => [v.id, v] as const))('%s · Node signer', (_id, v) => {
    const s = signTc3({ method: v.method, headers: v.headers, body: v.body, timestamp: v.timestamp, service: v.service, secretId: v.secretId, secretKey: v.secretKey });
    if (v.payloadHash) expect(sha256Hex(v.body)).toBe(v.payloadHash);
    if (v.canonicalRequestHash) expect(sha256Hex(s.canonicalRequest)).toBe(v.canonicalRequestHash);
    expect(s.signature).toBe(v.signature);
    if (v.authorization) expect(s.authorization).toBe(v.authorization);
  });

  test.each(vectors.map((v) => [v.id, v] as const))('%s · every step of the explanation', (_id, v) => {
    const s = tc3Steps({ method: v.method, headers: v.headers, body: v.body, timestamp: v.timestamp, service: v.service, secretId: v.secretId, secretKey: v.secretKey });
    if (v.payloadHash) expect(s.payloadHash).toBe(v.payloadHash);
    if (v.canonicalRequestHash) expect(s.canonicalRequestHash).toBe(v.canonicalRequestHash);
    expect(s.signature).toBe(v.signature);
    if (v.authorization) expect(s.authorization).toBe(v.authorization);
    // The derived keys, chained here independently, appear only as their SHA-256.
    const mac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();
    const kDate = mac(`TC3${v.secretKey}`, s.date);
    const kService = mac(kDate, v.service);
    const hex = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
    expect(s.keyHashes).toEqual({ date: hex(kDate), service: hex(kService), signing: hex(mac(kService, 'tc3_request')) });
    const text = formatTc3Steps(s, { showSignature: true }).join('\n');
    for (const value of [s.canonicalRequest, s.payloadHash, s.canonicalRequestHash, s.stringToSign, s.keyHashes.date, s.keyHashes.service, s.keyHashes.signing, s.authorization]) expect(text).toContain(value);
    expect(text).not.toContain(kDate.toString('hex'));
    expect(text).not.toContain(v.secretKey);
  });

  const sdkComparable = vectors.filter((v) => Object.keys(v.headers).length === 2);
  test.each(sdkComparable.map((v) => [v.id, v] as const))('%s · official SDK signer agrees', (_id, v) => {
    const auth = Sign.sign3({
      method: v.method,
      url: `https://${v.headers.host}/`,
      payload: Buffer.from(v.body),
      timestamp: v.timestamp,
      service: v.service,
      secretId: v.secretId,
      secretKey: v.secretKey,
      headers: { 'Content-Type': v.headers['content-type'] },
    });
    expect(auth).toContain(`Signature=${v.signature}`);
  });

  // The collection's script signs content-type;host and takes the scope from the host's first label.
  const scriptComparable = sdkComparable.filter((v) => v.method === 'POST' && v.service === v.headers.host!.split('.')[0]);
  test.each(scriptComparable.map((v) => [v.id, v] as const))('%s · collection pre-request script', (_id, v) => {
    const out = runSandboxScript(
      'sign-tc3',
      { method: 'POST', url: `https://${v.headers.host}/`, headers: { 'Content-Type': v.headers['content-type']!, 'X-TC-Action': 'DescribeInstances' }, body: v.body },
      { secretId: v.secretId, secretKey: v.secretKey },
      v.timestamp * 1000,
    );
    expect(out.headers.Authorization).toBe(`TC3-HMAC-SHA256 Credential=${v.secretId}/${new Date(v.timestamp * 1000).toISOString().slice(0, 10)}/${v.service}/tc3_request, SignedHeaders=content-type;host, Signature=${v.signature}`);
    expect(out.headers['X-TC-Timestamp']).toBe(String(v.timestamp));
  });

  test('one changed byte in the body changes the signature', () => {
    const v = vectors[0]!;
    const s = signTc3({ method: v.method, headers: v.headers, body: `${v.body} `, timestamp: v.timestamp, service: v.service, secretId: v.secretId, secretKey: v.secretKey });
    expect(s.signature).not.toBe(v.signature);
  });

  test.skipIf(!HAS_SHARED)(`every published signature is the one printed in PROTOCOLS.md §6.4 ${HAS_SHARED ? '' : SKIP_REASON}`, () => {
    const text = readFileSync(referencePath('PROTOCOLS.md'), 'utf8');
    for (const v of vectors) expect(text, v.id).toContain(v.signature);
  });
});
