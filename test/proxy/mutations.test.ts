// The proxy in front of the test suite's mutation proxy, which breaks successful answers one way per
// run: every kind of breakage is reported, on the action whose answer was broken, with the JSON
// pointer of what broke; and the client receives exactly the bytes the upstream sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { failedChecks } from '../../src/proxy/exchange.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { MUTATION_KINDS, startMutatingProxy, type MutationKind, type SentAnswer } from '../helpers/mutating-proxy.js';
import { runNewman, withValues } from '../helpers/newman.js';
import { startTestProxy } from '../helpers/proxy.js';

const read = (f: string) => JSON.parse(readFileSync(join(PACKAGE_ROOT, f), 'utf8'));

/** Positive folders and workflows only (negative cases answer errors, which are not broken), with polls kept short. */
function positiveCollection() {
  const c = read(OUTPUT_FILES.collection);
  const text = JSON.stringify({ ...c, item: c.item.filter((f: { name: string }) => f.name !== 'Negative cases') });
  return JSON.parse(text.replace(/attempts=\d+; delayMs=\d+/g, 'attempts=3; delayMs=0'));
}

/** Where the breakage shows, and in which check: from what the mutation proxy changed. */
function expected(kind: MutationKind, s: SentAnswer): { check: RegExp; pointer: string } {
  const original = (JSON.parse(s.original) as { Response: Record<string, unknown> }).Response;
  switch (kind) {
    case 'drop-required-field': {
      const broken = (JSON.parse(s.body.toString('utf8')) as { Response: Record<string, unknown> }).Response;
      const dropped = Object.keys(original).find((k) => !(k in broken))!;
      return { check: /^response matches schema$/, pointer: `/Response/${dropped}` };
    }
    case 'change-field-type': {
      const broken = (JSON.parse(s.body.toString('utf8')) as { Response: Record<string, unknown> }).Response;
      const changed = Object.keys(original).find((k) => JSON.stringify(original[k]) !== JSON.stringify(broken[k]))!;
      return { check: /^response matches schema$/, pointer: `/Response/${changed}` };
    }
    case 'drop-request-id':
      return { check: /is an object with RequestId$/, pointer: '/Response/RequestId' };
    case 'success-to-error':
      return { check: /^no InternalError$/, pointer: '/Response/Error/Code' };
    case 'http-500':
      return { check: /^HTTP 200$/, pointer: '/status' };
    case 'not-an-envelope':
      return { check: /^an API 3\.0 answer with Response$/, pointer: '' };
  }
}

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator({ stepMs: 0 });
});
afterAll(() => em.close());

async function runThrough(kind: MutationKind | 'none') {
  const mutating = await startMutatingProxy(em.url, em.model, kind);
  const proxy = await startTestProxy({ upstream: mutating.url });
  try {
    const summary = await runNewman({ workingDir: PACKAGE_ROOT, collection: positiveCollection(), environment: withValues(read(OUTPUT_FILES.localEnvironment), { baseUrl: proxy.url, flashBaseUrl: proxy.url }) as never });
    return { summary, sent: mutating.sent, proxy };
  } finally {
    await proxy.stop();
    await mutating.close();
  }
}

describe('proxy --upstream <the mutation proxy>', () => {
  test('control run: nothing broken, 0 violations', async () => {
    const { summary, proxy } = await runThrough('none');
    expect(summary.run.failures.map((f) => f.error.message)).toEqual([]);
    expect(proxy.session.exchanges.length).toBeGreaterThan(60);
    expect(proxy.lines).toEqual([]);
    expect(proxy.session.violations).toBe(0);
  });

  test.each(MUTATION_KINDS)('%s: every broken answer is reported on its action, with the pointer; the client gets the upstream bytes', async (kind) => {
    const { summary, sent, proxy } = await runThrough(kind);
    const exchanges = proxy.session.exchanges;
    // Every exchange was forwarded, in order: the i-th answer sent on is the i-th exchange.
    expect(exchanges.length).toBe(sent.length);
    const broken = sent.map((s, i) => ({ s, x: exchanges[i]! })).filter(({ s }) => s.mutated);
    expect(broken.length).toBeGreaterThan(3);
    for (const { s, x } of broken) {
      expect(x.action).toBe(s.action);
      const want = expected(kind, s);
      const hit = failedChecks(x).find((c) => want.check.test(c.name) && c.findings.some((f) => f.pointer === want.pointer));
      expect(hit, `${s.action}: ${JSON.stringify(failedChecks(x))}`).toBeDefined();
      // The violation line names the action and the pointer.
      expect(proxy.lines.some((l) => l.includes(` ${s.action} `) && l.includes(` ${want.pointer || '/'} `))).toBe(true);
    }
    // Unbroken answers raise nothing.
    for (const { x } of sent.map((s, i) => ({ s, x: exchanges[i]! })).filter(({ s }) => !s.mutated)) expect(failedChecks(x)).toEqual([]);
    // Byte for byte: what newman received is what the mutation proxy sent, status included.
    const received = summary.run.executions.filter((ex) => ex.response).map((ex) => ({ status: ex.response!.code, body: Buffer.from(ex.response!.stream as unknown as Uint8Array) }));
    expect(received.length).toBe(sent.length);
    received.forEach((r, i) => {
      expect(r.status).toBe(sent[i]!.status);
      expect(r.body.equals(sent[i]!.body)).toBe(true);
    });
  });
});
