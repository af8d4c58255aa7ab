// The official Node.js SDK's lifecycles over all 33 actions, sent through the contract proxy to the
// emulator: every call succeeds, and the proxy finds nothing to report.
import { describe, expect, test } from 'vitest';
import { proxiedEmulator } from '../helpers/proxy.js';
import { SDK_LIFECYCLES, sdkClient, type SdkOptions } from '../helpers/sdk-lifecycle.js';

const running = proxiedEmulator();
const called = new Set<string>();
const client = (overrides: SdkOptions = {}) => sdkClient(running.em.model, `127.0.0.1:${running.proxy.port}`, called, overrides);

describe('the official SDK through proxy --upstream <emulator>', () => {
  test.each(SDK_LIFECYCLES)('%s', async (_title, run) => {
    await run(client(), (ms: number) => running.em.advance(ms));
  });

  test.each([
    ['GET with TC3-HMAC-SHA256', { reqMethod: 'GET' as const }],
    ['POST with HmacSHA1', { signMethod: 'HmacSHA1' }],
    ['GET with HmacSHA256', { reqMethod: 'GET' as const, signMethod: 'HmacSHA256' }],
  ])('%s: re-signed in the same form, a hot-word table round trip', async (_name, how) => {
    const c = client(how);
    const { VocabId } = await c.CreateAsrVocab!({ Name: `proxy ${JSON.stringify(how)}`, WordWeights: [{ Word: '识别', Weight: 3 }] });
    expect((await c.GetAsrVocab!({ VocabId })).WordWeights).toEqual([{ Word: '识别', Weight: 3 }]);
    await c.DeleteAsrVocab!({ VocabId });
  });

  test('33/33 actions succeeded through the proxy, with 0 violations', () => {
    expect([...called].sort()).toEqual(running.em.model.actions.map((a) => a.name).sort());
    const exchanges = running.proxy.session.exchanges;
    expect(new Set(exchanges.map((x) => x.action))).toEqual(new Set(running.em.model.actions.map((a) => a.name)));
    expect(running.proxy.lines).toEqual([]);
    expect(running.proxy.session.violations).toBe(0);
    // Evidence, not silence: every exchange had its signature, its request and its answer checked.
    for (const x of exchanges) {
      expect(x.checks.map((c) => c.status)).not.toContain('failed');
      expect(x.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["the client's signature is valid", 'HTTP 200']));
    }
    expect(exchanges.filter((x) => x.checks.some((c) => c.name === 'response matches schema' && c.status === 'passed')).length).toBeGreaterThan(40);
  });
});
