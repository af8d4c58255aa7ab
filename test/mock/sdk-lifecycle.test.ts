// The official tencentcloud-sdk-nodejs-asr client, pointed at the emulator, runs every action in
// realistic lifecycles, passing on the ids the emulator returns. Every answer must match the
// action's response schema. A client nobody here wrote is the best judge of fidelity.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { SDK_LIFECYCLES, sdkClient, type SdkOptions } from '../helpers/sdk-lifecycle.js';

let em: TestEmulator;
const called = new Set<string>();
const client = (overrides: SdkOptions = {}) => sdkClient(em.model, `127.0.0.1:${em.port}`, called, overrides);

beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

describe('official SDK against the emulator', () => {
  test.each(SDK_LIFECYCLES)('%s', async (_title, run) => {
    await run(client(), (ms: number) => em.advance(ms));
  });

  test('every one of the 33 actions was called and answered within its schema', () => {
    expect([...called].sort()).toEqual(em.model.actions.map((a) => a.name).sort());
  });

  test('a wrong key makes the SDK throw AuthFailure.SignatureFailure', async () => {
    await expect(client({ secretKey: 'wrong' }).DescribeAsyncRecognitionTasks!({})).rejects.toMatchObject({ code: 'AuthFailure.SignatureFailure' });
  });

  test.each([
    ['GET with TC3-HMAC-SHA256', { reqMethod: 'GET' as const }],
    ['POST with HmacSHA1', { signMethod: 'HmacSHA1' }],
    ['POST with HmacSHA256', { signMethod: 'HmacSHA256' }],
    ['GET with HmacSHA256', { reqMethod: 'GET' as const, signMethod: 'HmacSHA256' }],
  ])('%s: a hot-word table round trip', async (_name, how) => {
    const c = client(how);
    const { VocabId } = await c.CreateAsrVocab!({ Name: `form ${JSON.stringify(how)}`, WordWeights: [{ Word: '识别', Weight: 3 }, { Word: '语音', Weight: 100 }] });
    expect((await c.GetAsrVocab!({ VocabId })).WordWeights).toEqual([{ Word: '识别', Weight: 3 }, { Word: '语音', Weight: 100 }]);
    await c.DeleteAsrVocab!({ VocabId });
  });
});
