// The official tencentcloud-sdk-nodejs-asr client's lifecycles over every action, as a table: the
// emulator's fidelity test runs them against the emulator, and the contract proxy's test runs the
// same calls through the proxy. Each step passes on the ids the server returned.
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import { describeAjvError } from '../../src/model/ajv.js';
import type { Model } from '../../src/model/types.js';
import { ModelValidators } from '../../src/model/validators.js';
import { LOCAL } from './api3-client.js';
import { toneWav } from './audio.js';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { asr } = require('tencentcloud-sdk-nodejs-asr') as any;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SdkClient = Record<string, (req?: unknown) => Promise<Record<string, any>>>;
/** Moves the server's clock (the emulator's), so that tasks and models progress. */
export type Advance = (ms: number) => void;

export interface SdkOptions {
  secretKey?: string;
  reqMethod?: 'GET' | 'POST';
  signMethod?: string;
}

/**
 * The official client pointed at `host:port` over http. Every action it calls is added to `called`,
 * and every answer must match the action's response schema.
 */
export function sdkClient(model: Model, hostPort: string, called: Set<string>, overrides: SdkOptions = {}): SdkClient {
  const validators = ModelValidators.for(model);
  const raw = new asr.v20190614.Client({
    credential: { secretId: LOCAL.secretId, secretKey: overrides.secretKey ?? LOCAL.secretKey },
    region: 'ap-guangzhou',
    profile: {
      ...(overrides.signMethod ? { signMethod: overrides.signMethod } : {}),
      httpProfile: { endpoint: hostPort, protocol: 'http://', ...(overrides.reqMethod ? { reqMethod: overrides.reqMethod } : {}) },
    },
  });
  return new Proxy({} as SdkClient, {
    get: (_t, action: string) => async (req?: unknown) => {
      const res = await raw[action](req);
      called.add(action);
      const validate = validators.response(model.actions.find((a) => a.name === action)!);
      if (!validate(res)) throw new Error(`${action} answer breaks its schema: ${(validate.errors ?? []).map(describeAjvError).join('; ')}`);
      return res;
    },
  });
}

// Two different one-second tones: the emulator reads the audio, so it has to be real.
const WAV_A = toneWav({ ms: 1000, freq: 440 });
const AUDIO_A = WAV_A.toString('base64');
const AUDIO_B = toneWav({ ms: 1000, freq: 620 }).toString('base64');
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

export const SDK_LIFECYCLES: [string, (c: SdkClient, advance: Advance) => Promise<void>][] = [
  [
    'sentence recognition: a clip by base64 and by URL',
    async (c, advance) => {
    
    const byData = await c.SentenceRecognition!({ EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'wav', Data: AUDIO_A, DataLen: WAV_A.length, WordInfo: 1 });
    expect(byData.AudioDuration).toBe(1000);
    expect(byData.Result).toEqual(expect.any(String));
    expect(byData.WordList.length).toBe(byData.WordSize);
    const again = await c.SentenceRecognition!({ EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'wav', Data: AUDIO_A, DataLen: WAV_A.length, WordInfo: 1 });
    expect(again.Result).toBe(byData.Result); // deterministic
    const byUrl = await c.SentenceRecognition!({ EngSerViceType: '8k_zh', SourceType: 0, VoiceFormat: 'mp3', Url: 'https://example.com/a.mp3' });
    expect(byUrl.WordList).toBeNull();
    },
  ],
  [
    'recorded file: create → poll until success; unknown task → NoSuchTask',
    async (c, advance) => {
    
    const created = await c.CreateRecTask!({ EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 2, SourceType: 0, Url: 'https://example.com/meeting.wav' });
    const taskId = created.Data.TaskId;
    expect(Number.isSafeInteger(taskId)).toBe(true);
    const statuses: number[] = [];
    let last: Record<string, any> = {}; // eslint-disable-line @typescript-eslint/no-explicit-any
    // One progress step per second (specs/emulator.yaml); each poll sees at most one step more.
    for (let i = 0; i < 5 && statuses.at(-1) !== 2; i++) {
      last = await c.DescribeTaskStatus!({ TaskId: taskId });
      statuses.push(last.Data.Status);
      advance(1000);
    }
    expect(statuses).toEqual([0, 1, 2]);
    expect(last.Data.StatusStr).toBe('success');
    expect(last.Data.Result).toMatch(/^\[0:0\.\d{3},\d+:\d+\.\d{3}\] {2}\S/);
    expect(last.Data.ResultDetail.length).toBeGreaterThan(0);
    await expect(c.DescribeTaskStatus!({ TaskId: 12345 })).rejects.toMatchObject({ code: 'FailedOperation.NoSuchTask' });
    },
  ],
  [
    'stream recognition: create → list → close',
    async (c, advance) => {
    
    const created = await c.CreateAsyncRecognitionTask!({ EngineType: '16k_zh', Url: 'rtmp://example.com/live/1', CallbackUrl: 'http://127.0.0.1:9/cb' });
    const listed = await c.DescribeAsyncRecognitionTasks!({});
    expect(listed.Data.Tasks).toContainEqual({ TaskId: created.Data.TaskId, Url: 'rtmp://example.com/live/1' });
    await c.CloseAsyncRecognitionTask!({ TaskId: created.Data.TaskId });
    await expect(c.CloseAsyncRecognitionTask!({ TaskId: created.Data.TaskId })).rejects.toMatchObject({ code: 'FailedOperation.NoSuchTask' });
    },
  ],
  [
    'hot-word table: create → get → update → set state → list → download → delete → get fails',
    async (c, advance) => {
    
    const { VocabId } = await c.CreateAsrVocab!({ Name: '会议热词', WordWeights: [{ Word: '腾讯云', Weight: 10 }] });
    expect((await c.GetAsrVocab!({ VocabId })).Name).toBe('会议热词');
    await c.UpdateAsrVocab!({ VocabId, WordWeightStr: b64('语音识别|11\n热词|5') });
    await c.SetVocabState!({ VocabId, State: 1 });
    const got = await c.GetAsrVocab!({ VocabId });
    expect(got).toMatchObject({ State: 1, WordWeights: [{ Word: '语音识别', Weight: 11 }, { Word: '热词', Weight: 5 }] });
    const list = await c.GetAsrVocabList!({ Offset: 0, Limit: 10 });
    expect(list.VocabList.map((v: { VocabId: string }) => v.VocabId)).toContain(VocabId);
    const file = await c.DownloadAsrVocab!({ VocabId });
    expect(Buffer.from(file.WordWeightStr, 'base64').toString('utf8')).toBe('语音识别|11\n热词|5');
    await c.DeleteAsrVocab!({ VocabId });
    await expect(c.GetAsrVocab!({ VocabId })).rejects.toMatchObject({ code: 'InvalidParameterValue.InvalidVocabId' });
    },
  ],
  [
    'keyword library: create → list → update → delete; a duplicate name is refused',
    async (c, advance) => {
    
    const created = await c.CreateAsrKeyWordLib!({ Name: 'lib_one', KeyWordFile: b64('退款\n投诉') });
    const id = created.Data.KeyWordLibId;
    await expect(c.CreateAsrKeyWordLib!({ Name: 'lib_one', KeyWordFile: b64('x') })).rejects.toMatchObject({ code: 'InvalidParameter.KeyWordLibNameExist' });
    const listed = await c.GetAsrKeyWordLibList!({ SpecifyNames: ['lib_one'] });
    expect(listed.Data.KeyWordLibList).toEqual([expect.objectContaining({ KeyWordLibId: id, Name: 'lib_one', KeyWordList: ['退款', '投诉'] })]);
    await c.UpdateAsrKeyWordLib!({ KeyWordLibId: id, Name: 'lib_two', KeyWordFile: b64('账单') });
    expect((await c.GetAsrKeyWordLibList!({ SpecifyNames: ['lib_two'] })).Data.KeyWordLibList[0].KeyWordList).toEqual(['账单']);
    await c.DeleteAsrKeyWordLib!({ KeyWordLibId: id });
    expect((await c.GetAsrKeyWordLibList!({ SpecifyNames: ['lib_two'] })).Data.TotalCount).toBe(0);
    },
  ],
  [
    'self-learning model: create → info → list → modify → online → download → delete',
    async (c, advance) => {
    
    const { ModelId } = await c.CreateCustomization!({ ModelName: '医疗词表', TextUrl: 'https://bucket.cos.ap-guangzhou.myqcloud.com/corpus.txt', ModelType: '16k' });
    expect((await c.GetModelInfo!({ ModelId })).Data).toMatchObject({ ModelId, ModelName: '医疗词表', ModelState: 0 }); // training
    advance(2000);
    expect((await c.GetModelInfo!({ ModelId })).Data).toMatchObject({ ModelId, ModelState: -1 }); // trained, offline
    expect((await c.GetCustomizationList!({ Limit: 10, Offset: 0 })).Data.map((m: { ModelId: string }) => m.ModelId)).toContain(ModelId);
    await c.ModifyCustomization!({ ModelId, ModelName: '医疗词表v2' });
    await c.ModifyCustomizationState!({ ModelId, ToState: 1 });
    expect((await c.GetModelInfo!({ ModelId })).Data).toMatchObject({ ModelName: '医疗词表v2', ModelState: 1 });
    expect((await c.DownloadCustomization!({ ModelId })).DownloadUrl).toBe('https://bucket.cos.ap-guangzhou.myqcloud.com/corpus.txt');
    await c.DeleteCustomization!({ ModelId });
    await expect(c.GetModelInfo!({ ModelId })).rejects.toMatchObject({ code: 'InvalidParameterValue.ModelId' });
    },
  ],
  [
    'voiceprint: enroll → verify → compare → group verify → count → group list → update → delete',
    async (c, advance) => {
    
    const a = (await c.VoicePrintEnroll!({ VoiceFormat: 1, SampleRate: 16000, Data: AUDIO_A, SpeakerNick: 'alice', GroupId: 'front_desk' })).Data;
    const b = (await c.VoicePrintEnroll!({ VoiceFormat: 1, SampleRate: 16000, Data: AUDIO_B, SpeakerNick: 'bob', GroupId: 'front_desk' })).Data;
    expect((await c.VoicePrintVerify!({ VoiceFormat: 1, SampleRate: 16000, VoicePrintId: a.VoicePrintId, Data: AUDIO_A })).Data).toMatchObject({ Decision: 1, Score: '100.0' });
    expect((await c.VoicePrintVerify!({ VoiceFormat: 1, SampleRate: 16000, VoicePrintId: a.VoicePrintId, Data: AUDIO_B })).Data.Decision).toBe(0);
    expect((await c.VoicePrintCompare!({ VoiceFormat: 1, SampleRate: 16000, SrcAudioData: AUDIO_A, DestAudioData: AUDIO_A })).Data.Decision).toBe(1);
    const tops = (await c.VoicePrintGroupVerify!({ VoiceFormat: 1, SampleRate: 16000, Data: AUDIO_B, GroupId: 'front_desk', TopN: 2 })).Data.VerifyTops;
    expect(tops[0]).toMatchObject({ VoicePrintId: b.VoicePrintId, SpeakerId: 'bob', Score: '100.0' });
    expect((await c.VoicePrintCount!({ CountMod: 1, GroupId: 'front_desk' })).Data.Total).toBe(2);
    expect((await c.VoicePrintGroupList!({})).Data.GroupIds).toContain('front_desk');
    await c.VoicePrintUpdate!({ VoiceFormat: 1, SampleRate: 16000, VoicePrintId: b.VoicePrintId, SpeakerNick: 'robert' });
    expect((await c.VoicePrintDelete!({ VoicePrintId: b.VoicePrintId, GroupId: 'front_desk', DelMod: 1 })).Data.SpeakerNick).toBe('robert');
    expect((await c.VoicePrintCount!({ CountMod: 1, GroupId: 'front_desk' })).Data.Total).toBe(1);
    await c.VoicePrintDelete!({ VoicePrintId: a.VoicePrintId });
    await expect(c.VoicePrintVerify!({ VoiceFormat: 1, SampleRate: 16000, VoicePrintId: a.VoicePrintId, Data: AUDIO_A })).rejects.toMatchObject({ code: 'FailedOperation.NotExistentVoicePrintId' });
    await c.VoicePrintDelete!({ GroupId: 'front_desk', DelMod: 2 });
    },
  ],
  [
    'usage: recorded-file work is counted per business name and date',
    async (c, advance) => {
    
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const before = (await c.GetUsageByDate!({ BizNameList: ['asr_rec'], StartDate: today, EndDate: today })).Data.UsageByDateInfoList[0];
    await c.CreateRecTask!({ EngineModelType: '8k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/call.wav' });
    const after = (await c.GetUsageByDate!({ BizNameList: ['asr_rec', 'asr_rt'], StartDate: today, EndDate: today })).Data.UsageByDateInfoList;
    expect(after[0]).toMatchObject({ BizName: 'asr_rec', Count: before.Count + 1 });
    expect(after[1]).toMatchObject({ BizName: 'asr_rt' });
    },
  ],
];
