// The sandbox scripts take the X-TC-* header names from the contract (contractSchemas.api3), not
// from their own source: rename them in the contract and the signer follows.
import { describe, expect, test } from 'vitest';
import { headerName, optionalHeaderName } from '../../src/model/roles.js';
import { contractData } from '../../src/collection/contract-data.js';
import { OUTPUT_FILES } from '../../src/output-paths.js';
import { projectModel } from '../helpers/emulator.js';
import { runSandboxScript, type HarnessRequest } from '../helpers/sandbox-harness.js';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const credentials = { secretId: 'AKIDEXAMPLE', secretKey: 'example-key', token: 'sts-token' };
const request = (headers: Record<string, string>): HarnessRequest => ({
  method: 'POST',
  url: 'https://asr.tencentcloudapi.com/',
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: '{}',
});
const withHeaders = (headers: Record<string, string | null>): string => {
  const contract = JSON.parse(contractData(projectModel(), OUTPUT_FILES.flashAudio)) as Record<string, unknown>;
  return JSON.stringify({ ...contract, api3: { headers } });
};

describe('the pre-request scripts read the contract', () => {
  test('the contract written by the emitter names the headers of specs/service.yaml', () => {
    const model = projectModel();
    expect(JSON.parse(contractData(model, OUTPUT_FILES.flashAudio)).api3.headers).toEqual({
      action: headerName(model, 'action'),
      timestamp: headerName(model, 'timestamp'),
      token: optionalHeaderName(model, 'token'),
    });
  });

  test('renamed headers in the contract are the ones read and written', () => {
    const contractSchemas = withHeaders({ action: 'X-Alt-Action', timestamp: 'X-Alt-Timestamp', token: 'X-Alt-Token' });
    const signed = runSandboxScript('sign-tc3', request({ 'X-Alt-Action': 'SentenceRecognition' }), credentials, NOW, { contractSchemas });
    expect(signed.headers.Authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDEXAMPLE\/2026-11-26\/asr\/tc3_request, /);
    expect(signed.headers['X-Alt-Timestamp']).toBe(String(NOW / 1000));
    expect(signed.headers['X-Alt-Token']).toBe('sts-token');
    expect(Object.keys(signed.headers).filter((h) => h.startsWith('X-TC-'))).toEqual([]);

    // The usual name is no longer the action header, so that request is not an API 3.0 call.
    const untouched = runSandboxScript('sign-tc3', request({ 'X-TC-Action': 'SentenceRecognition' }), credentials, NOW, { contractSchemas });
    expect(untouched.headers.Authorization).toBeUndefined();
  });

  test('a service without a token header never sends one', () => {
    const contractSchemas = withHeaders({ action: 'X-TC-Action', timestamp: 'X-TC-Timestamp', token: null });
    const signed = runSandboxScript('sign-tc3', request({ 'X-TC-Action': 'SentenceRecognition' }), credentials, NOW, { contractSchemas });
    expect(signed.headers.Authorization).toBeDefined();
    expect(Object.keys(signed.headers)).not.toContain('X-TC-Token');
  });

  // JSON.parse is guarded: a missing or mangled variable gets the same sentence, not a SyntaxError.
  test.each([
    ['sign-tc3', { 'X-TC-Action': 'SentenceRecognition' }, ''],
    ['sign-tc3', { 'X-TC-Action': 'SentenceRecognition' }, '{"api3": {'],
    ['sign-flash', { 'X-Contract-Endpoint': 'FlashRecognition' }, ''],
    ['sign-flash', { 'X-Contract-Endpoint': 'FlashRecognition' }, 'not json'],
  ] as const)('%s with contractSchemas %j says to re-import the collection', (script, headers, contractSchemas) => {
    expect(() => runSandboxScript(script, request(headers), credentials, NOW, { contractSchemas })).toThrow(
      /^The collection variable contractSchemas is missing, not JSON or out of date.*: re-import generated\/asr\.postman_collection\.json\.$/,
    );
  });
});
