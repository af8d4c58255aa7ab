// The collection's own pre-request script, run by newman, against the official SDK's signer:
// every Authorization it sends must be the one the SDK computes for the same bytes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { startCaptureServer, type Captured } from '../helpers/capture-server.js';
import { runNewman, withValues } from '../helpers/newman.js';
import { sdkAuthorization as sdkSigned } from '../helpers/sdk-signature.js';
const read = (f: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, f), 'utf8'));

let server: Awaited<ReturnType<typeof startCaptureServer>>;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

const SECRET = { secretId: 'AKIDsigningTest0000000000000000000000', secretKey: 'k3y-with-ünïcode-and-$ymbols' };

// The SDK's rule for the scope's service: the first label of the endpoint host, here '127'.
const sdkAuthorization = (c: Captured): string => sdkSigned(c, server.url, SECRET);

async function runAndCapture(collection: unknown): Promise<Captured[]> {
  server.requests.length = 0;
  const env = withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: server.url, ...SECRET });
  const summary = await runNewman({ collection: collection as never, environment: env as never });
  // The capture server answers a bare envelope, so the contract tests fail; signing is what is checked here.
  expect(summary.run.failures.filter((f) => f.error.name !== 'AssertionError').map((f) => f.error.message)).toEqual([]);
  return [...server.requests];
}

describe('collection pre-request script signs like the official SDK', () => {
  test('every request of the generated collection', async () => {
    // Workflows poll (the capture server never finishes a task) and two cases sign badly on purpose.
    const collection = read(OUTPUT_FILES.collection);
    // Flash requests sign themselves differently (test/signing/hmac-sha1.test.ts).
    const text = JSON.stringify({ ...collection, item: collection.item.filter((f: { name: string }) => f.name !== 'Workflows') });
    const signedWell = JSON.parse(text, (k, v) =>
      Array.isArray(v) && k === 'item' ? v.filter((i: { request?: { header: { key: string }[] } }) => !i.request || (i.request.header.some((h) => h.key === 'X-TC-Action') && !i.request.header.some((h) => h.key === 'X-Contract-Sign'))) : v,
    );
    const captured = await runAndCapture(signedWell);
    expect(new Set(captured.map((c) => c.headers['x-tc-action'])).size).toBe(34); // 33 actions and the unknown one
    for (const c of captured) {
      expect(c.headers.authorization, String(c.headers['x-tc-action'])).toBe(sdkAuthorization(c));
      expect(c.headers['x-tc-token']).toBeUndefined();
    }
  });

  test('random, unicode, empty, large and variable-bearing bodies', async () => {
    const collection = read(OUTPUT_FILES.collection);
    const template = collection.item[0].item[0];
    template.request.header = template.request.header.filter((h: { disabled?: boolean }) => !h.disabled);
    const random = fc.sample(
      fc.oneof(fc.json(), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 })),
      { numRuns: 40, seed: 20261126 },
    );
    const bodies = [
      '',
      '{}',
      '{"Text":"语音识别 🎙️ \\u672a\\u547d\\u540d \\"quoted\\" \\n"}',
      JSON.stringify({ Data: 'A'.repeat(2 * 1024 * 1024) }),
      '{"Id":"{{$guid}}","Region":"{{region}}"}',
      ...random,
    ];
    const items = bodies.map((raw, i) => ({ ...template, id: `body-${i}`, name: `body ${i}`, request: { ...template.request, body: { mode: 'raw', raw } }, response: [] }));
    const captured = await runAndCapture({ ...collection, item: items });
    expect(captured).toHaveLength(bodies.length);
    for (const [i, c] of captured.entries()) {
      expect(c.headers.authorization, `body ${i}`).toBe(sdkAuthorization(c));
    }
    // {{variables}} are resolved before hashing, and what was hashed is what was sent.
    expect(captured[4]!.body.toString()).toMatch(/^\{"Id":"[0-9a-f-]{36}","Region":"ap-guangzhou"\}$/);
  });

  test('sends X-TC-Token when the token variable is set', async () => {
    const collection = read(OUTPUT_FILES.collection);
    const only = { ...collection, item: [{ ...collection.item[0], item: collection.item[0].item.slice(0, 1) }] };
    server.requests.length = 0;
    const env = withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: server.url, ...SECRET, token: 'sts-token-value' });
    await runNewman({ collection: only, environment: env as never });
    expect(server.requests[0]!.headers['x-tc-token']).toBe('sts-token-value');
  });

  test('fails the request with a clear message when no key is configured', async () => {
    const collection = read(OUTPUT_FILES.collection);
    const only = { ...collection, item: [{ ...collection.item[0], item: collection.item[0].item.slice(0, 1) }] };
    const summary = await runNewman({ collection: only, environment: withValues(read(OUTPUT_FILES.liveEnvironment), { baseUrl: server.url }) as never });
    expect(summary.run.failures.filter((f) => f.error.name !== 'AssertionError').map((f) => f.error.message)).toEqual([expect.stringMatching(/secretId and secretKey are empty/)]);
  });
});
