import { describe, expect, test } from 'vitest';
import { handleApi3 } from '../../src/mock/api3/handle.js';
import { createEmulatorCore } from '../../src/mock/server.js';
import { optionsFromEnv } from '../../src/mock/options.js';
import { parseScenario, ScenarioError } from '../../src/mock/scenario.js';
import { signTc3 } from '../../src/signing/tc3.js';
import { LOCAL } from '../helpers/api3-client.js';
import { projectModel } from '../helpers/emulator.js';

const codes = new Set(['InternalError', 'FailedOperation.ErrorRecognize']);

describe('X-Emulator-Scenario', () => {
  test.each([
    ['error=InternalError', { error: 'InternalError' }],
    ['latency=300ms', { latencyMs: 300 }],
    ['latency=2s, error=FailedOperation.ErrorRecognize', { latencyMs: 2000, error: 'FailedOperation.ErrorRecognize' }],
    ['latency=120', { latencyMs: 120 }],
    ['latency=999s', { latencyMs: 30_000 }],
    ['', {}],
  ])('%j → %j', (header, expected) => {
    expect(parseScenario(header, codes)).toEqual(expected);
  });

  test.each([
    ['error=Nope', /unknown error code "Nope"/],
    ['latency=soon', /latency must look like 300ms/],
    ['colour=blue', /unknown key "colour"/],
  ])('%j is refused: %s', (header, message) => {
    expect(() => parseScenario(header, codes)).toThrow(ScenarioError);
    expect(() => parseScenario(header, codes)).toThrow(message);
  });

  test('the pipeline hands the latency to the server and still answers normally', async () => {
    const model = projectModel();
    const core = createEmulatorCore(model, optionsFromEnv(model, {}));
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const headers: Record<string, string> = { 'content-type': 'application/json', host: '127.0.0.1' };
    const auth = signTc3({ method: 'POST', headers, body: '{}', timestamp, service: 'asr', ...LOCAL }).authorization;
    const r = await handleApi3(
      {
        method: 'POST',
        path: '/',
        query: '',
        body: Buffer.from('{}'),
        headers: { ...headers, authorization: auth, 'x-tc-action': 'DescribeAsyncRecognitionTasks', 'x-tc-version': '2019-06-14', 'x-tc-timestamp': String(timestamp), 'x-emulator-scenario': 'latency=300ms' },
      },
      core.deps,
    );
    expect(r.delayMs).toBe(300);
    expect((r.body.Response as Record<string, unknown>).Error).toBeUndefined();
  });
});
