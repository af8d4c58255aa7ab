// The Postman signing scripts sign a negative case's probe (X-Contract-Sign) as SIGN_PROBES says,
// read from the contract data, not from their own source: the contract proxy recognises what they
// send as the suite's own probe, and a contract with other probe values changes what they send.
import { describe, expect, test } from 'vitest';
import { contractData } from '../../src/collection/contract-data.js';
import type { IncomingCall } from '../../src/mock/api3/stages.js';
import { SIGN_PROBES, type SignTweak } from '../../src/model/cases.js';
import { OUTPUT_FILES } from '../../src/output-paths.js';
import { inspectApi3 } from '../../src/proxy/api3-inspect.js';
import { checkContext, readDocuments } from '../../src/proxy/context.js';
import { inspectEndpoint } from '../../src/proxy/endpoint-exchange.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { projectModel } from '../helpers/emulator.js';
import { runSandboxScript, type HarnessRequest } from '../helpers/sandbox-harness.js';

const NOW = Date.UTC(2026, 10, 26, 0, 30, 0); // half an hour after midnight: the stale probe signs for the day before
const model = projectModel();
const local = model.service.local;
const credentials = { secretId: local.secretId, secretKey: local.secretKey, appId: local.appId };
const ctx = checkContext(model, readDocuments(PACKAGE_ROOT), {}, () => NOW);
const endpoint = model.endpoints[0]!;
const FLASH_URL = `https://${endpoint.host}${endpoint.path.replace(/\{[^}]+\}/, local.appId)}?engine_type=16k_zh&voice_format=wav`;

const api3 = (tweak?: string): HarnessRequest => ({
  method: 'POST',
  url: `https://${model.service.endpoints[0]!.host}/`,
  headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-TC-Action': 'GetAsrVocabList', 'X-TC-Version': model.service.version, ...(tweak ? { 'X-Contract-Sign': tweak } : {}) },
  body: '{"Offset":0,"Limit":5}',
});
const flash = (tweak?: string): HarnessRequest => ({ method: endpoint.method, url: FLASH_URL, headers: { 'X-Contract-Endpoint': endpoint.name, ...(tweak ? { 'X-Contract-Sign': tweak } : {}) }, body: '' });

/** What the scripts sent, as the proxy receives it: the disabled X-Contract-* headers are never sent. */
function received(r: HarnessRequest): IncomingCall {
  const url = new URL(r.url);
  const headers = Object.fromEntries([...Object.entries(r.headers).filter(([k]) => !k.startsWith('X-Contract-')).map(([k, v]) => [k.toLowerCase(), v]), ['host', url.host]]);
  return { method: r.method, path: url.pathname, query: url.search.slice(1), headers, body: Buffer.from(r.body || 'RIFF') };
}

async function verdict(script: 'sign-tc3' | 'sign-flash', tweak?: SignTweak, contractSchemas?: string) {
  const signed = runSandboxScript(script, script === 'sign-tc3' ? api3(tweak) : flash(tweak), credentials, NOW, contractSchemas ? { contractSchemas } : {});
  const call = received(signed);
  const insp = script === 'sign-tc3' ? await inspectApi3(call, ctx, { now: NOW }) : await inspectEndpoint(endpoint, { ...call, pathParams: { appid: local.appId }, tooLarge: false }, ctx, { now: NOW });
  const timestamp = script === 'sign-tc3' ? signed.headers['X-TC-Timestamp'] : new URL(signed.url).searchParams.get(endpoint.signature.timestampParameter!);
  return { signature: insp.signature, timestamp: Number(timestamp) };
}

describe('the Postman signing scripts sign the suite\'s probes', () => {
  test.each([
    ['sign-tc3', 'none', 'valid', 0],
    ['sign-tc3', 'wrong-key', 'wrong-key', 0],
    ['sign-tc3', 'stale-timestamp', 'stale-timestamp', SIGN_PROBES['stale-timestamp'].secondsBefore],
    ['sign-flash', 'none', 'valid', 0],
    ['sign-flash', 'wrong-key', 'wrong-key', 0],
    ['sign-flash', 'stale-timestamp', 'stale-timestamp', SIGN_PROBES['stale-timestamp'].secondsBefore],
  ] as const)('%s with X-Contract-Sign %s: the proxy recognises %s, signed %i s before now', async (script, tweak, recognised, before) => {
    const v = await verdict(script, tweak === 'none' ? undefined : tweak);
    expect(v.timestamp).toBe(NOW / 1000 - before);
    if (recognised === 'valid') expect(v.signature).toEqual({ status: 'valid' });
    else expect(v.signature).toMatchObject({ status: 'refused', probe: recognised });
  });

  test('the probe values come from the contract data: other values there change what is sent, and the proxy no longer recognises it', async () => {
    const contract = JSON.parse(contractData(model, OUTPUT_FILES.flashAudio)) as Record<string, unknown>;
    expect(contract.signProbes).toEqual(SIGN_PROBES);
    const other = JSON.stringify({ ...contract, signProbes: { 'wrong-key': { keySuffix: '-other', secondsBefore: 0 }, 'stale-timestamp': { keySuffix: '', secondsBefore: 3600 } } });
    for (const script of ['sign-tc3', 'sign-flash'] as const) {
      const stale = await verdict(script, 'stale-timestamp', other);
      expect(stale.timestamp).toBe(NOW / 1000 - 3600);
      const wrong = await verdict(script, 'wrong-key', other);
      for (const v of [stale, wrong]) {
        expect(v.signature.status).toBe('refused');
        expect(v.signature).not.toHaveProperty('probe');
      }
    }
  });

  test.each([
    ['an unknown X-Contract-Sign value', 'no-such-probe', undefined],
    ['a contract without signProbes', 'wrong-key', 'drop'],
  ] as const)('%s: the script stops, saying to re-import the collection', (_name, tweak, contract) => {
    const data = JSON.parse(contractData(model, OUTPUT_FILES.flashAudio)) as Record<string, unknown>;
    if (contract === 'drop') delete data.signProbes;
    for (const script of ['sign-tc3', 'sign-flash'] as const) {
      expect(() => runSandboxScript(script, script === 'sign-tc3' ? api3(tweak) : flash(tweak), credentials, NOW, { contractSchemas: JSON.stringify(data) })).toThrow(
        new RegExp(`^X-Contract-Sign: ${tweak} is not a signing probe in the collection variable contractSchemas`),
      );
    }
  });
});
