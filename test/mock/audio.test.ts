// The emulator reads the audio it is sent: a table of generated audio (tones, silence, non-audio
// bytes, wrong-format claims) in WAV, raw pcm and compressed formats ffmpeg makes at test time,
// each with what SentenceRecognition, CreateRecTask, the voiceprint actions and flash must answer.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedEndpointRequest } from '../../src/signing/surface-urls.js';
import { callTc3 } from '../helpers/api3-client.js';
import { audioToolsOrSkip, encode, pcmTone, toneWav, wavOf } from '../helpers/audio.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const HAN = /\p{Script=Han}/u;
const LATIN_ONLY = /^[A-Za-z ,.'?!]+$/;
const ffmpeg = audioToolsOrSkip();

async function sentence(audio: Buffer, o: { engine?: string; format?: string; dataLen?: number; extra?: Record<string, unknown> } = {}): Promise<Answer> {
  const r = await callTc3(em.url, 'SentenceRecognition', {
    EngSerViceType: o.engine ?? '16k_zh',
    SourceType: 1,
    VoiceFormat: o.format ?? 'wav',
    Data: audio.toString('base64'),
    DataLen: o.dataLen ?? audio.length,
    WordInfo: 1,
    ...o.extra,
  }, { language: 'en-US' });
  return r.json.Response;
}

const lastWordEnd = (a: Answer): number => Math.max(0, ...(a.WordList ?? []).map((w: { EndTime: number }) => w.EndTime));

describe('SentenceRecognition reads the audio', () => {
  test.each([
    ['a 2.000 s WAV tone to 16k_zh: 2000 ms, Chinese', () => toneWav({ ms: 2000 }), '16k_zh', 'wav', 2000, HAN],
    ['a 2.000 s WAV tone to 16k_en: 2000 ms, English', () => toneWav({ ms: 2000, freq: 660 }), '16k_en', 'wav', 2000, LATIN_ONLY],
    ['a 2.000 s 8 kHz WAV tone to 8k_zh', () => toneWav({ ms: 2000, rate: 8000 }), '8k_zh', 'wav', 2000, HAN],
    ['2.000 s of raw 16 kHz pcm', () => pcmTone({ ms: 2000 }), '16k_zh', 'pcm', 2000, HAN],
    ['5.000 s of raw 8 kHz pcm to a 16k engine with InputSampleRate 8000', () => pcmTone({ ms: 5000, rate: 8000 }), '16k_zh', 'pcm', 5000, HAN],
  ] as const)('%s', async (_name, make, engine, format, ms, script) => {
    const a = await sentence(make(), { engine, format, ...(ms === 5000 ? { extra: { InputSampleRate: 8000 } } : {}) });
    expect(a.Error).toBeUndefined();
    expect(Math.abs(a.AudioDuration - ms)).toBeLessThanOrEqual(20);
    expect(a.WordSize).toBeGreaterThan(0);
    expect(lastWordEnd(a)).toBeLessThanOrEqual(ms);
    expect(a.Result).toMatch(script);
  });

  test.runIf(ffmpeg).each([
    ['mp3', 4000],
    ['m4a', 4000],
    ['ogg-opus', 4000],
    ['aac', 4000],
  ])('a %s file made by ffmpeg: its duration within 5 %%, no word past the end', async (format, ms) => {
    const a = await sentence(encode(toneWav({ ms }), format), { format });
    expect(a.Error).toBeUndefined();
    expect(Math.abs(a.AudioDuration - ms) / ms).toBeLessThanOrEqual(0.05);
    expect(lastWordEnd(a)).toBeLessThanOrEqual(a.AudioDuration);
  });

  test('the same audio gives the same answer', async () => {
    const wav = toneWav({ ms: 1500, freq: 300 });
    const [a, b] = [await sentence(wav), await sentence(wav)];
    expect(b.Result).toBe(a.Result);
    expect(b.WordList).toEqual(a.WordList);
  });

  test.each([
    ['70 s of WAV (over 60 s)', 'InvalidParameterValue.ErrorVoicedataTooLong', () => toneWav({ ms: 70_000, rate: 16000 }), 'wav', undefined, 'is 70.0 s long; at most 60 s'],
    ['the bytes `hello not audio` as wav', 'InvalidParameterValue.ErrorInvalidVoicedata', () => Buffer.from('hello not audio'), 'wav', undefined, 'its bytes match no audio format'],
    ['the bytes `hello not audio` as pcm', 'InvalidParameterValue.ErrorInvalidVoicedata', () => Buffer.from('hello not audio'), 'pcm', undefined, 'text, not pcm'],
    ['a RIFF header with no samples', 'InvalidParameterValue.ErrorInvalidVoicedata', () => wavOf(Buffer.alloc(0)), 'wav', undefined, 'wav: it holds no samples'],
    ['WAV bytes claimed as mp3', 'InvalidParameterValue.ErrorInvalidVoiceFormat', () => toneWav({ ms: 500 }), 'mp3', undefined, '`VoiceFormat` says mp3, but `Data` holds wav audio'],
    ['WAV bytes claimed as m4a', 'InvalidParameterValue.ErrorInvalidVoiceFormat', () => toneWav({ ms: 500 }), 'm4a', undefined, 'holds wav audio'],
    ['a DataLen of 12 for a 64 KB body', 'InvalidParameter.ErrorContentlength', () => toneWav({ ms: 2000 }), 'wav', 12, '`DataLen` is 12, but `Data` decodes to 64044 bytes'],
    ['2 s of digital silence', 'InvalidParameterValue.NoHumanVoice', () => toneWav({ ms: 2000, freq: 0 }), 'wav', undefined, 'digital silence'],
  ] as const)('%s → %s', async (_name, code, make, format, dataLen, rule) => {
    const a = await sentence(make(), { format, ...(dataLen !== undefined ? { dataLen } : {}) });
    expect(a.Error?.Code).toBe(code);
    expect(a.Error?.Message).toContain(rule);
  });

  test.runIf(ffmpeg)('mp3 bytes claimed as wav → InvalidParameterValue.ErrorInvalidVoiceFormat', async () => {
    const a = await sentence(encode(toneWav({ ms: 1000 }), 'mp3'), { format: 'wav' });
    expect(a.Error).toMatchObject({ Code: 'InvalidParameterValue.ErrorInvalidVoiceFormat', Message: expect.stringContaining('holds mp3 audio') });
  });

  test('a refusal speaks the caller\'s language', async () => {
    const r = await callTc3(em.url, 'SentenceRecognition', { EngSerViceType: '16k_zh', SourceType: 1, VoiceFormat: 'wav', Data: toneWav({ ms: 500, freq: 0 }).toString('base64'), DataLen: 16044 });
    expect(r.json.Response.Error).toMatchObject({ Code: 'InvalidParameterValue.NoHumanVoice', Message: expect.stringContaining('音频为静音') });
  });
});

describe('the other actions that take audio', () => {
  const vp = (data: Buffer, extra: Record<string, unknown> = {}) => callTc3(em.url, 'VoicePrintEnroll', { VoiceFormat: 1, SampleRate: 16000, Data: data.toString('base64'), ...extra }, { language: 'en-US' });

  test.each([
    ['a 1 s WAV tone', 'success', () => toneWav({ ms: 1000 }), {}],
    ['31 s of WAV (over 30 s)', 'InvalidParameterValue.ErrorVoicedataTooLong', () => toneWav({ ms: 31_000 }), {}],
    ['an 8 kHz WAV sent as SampleRate 16000', 'InvalidParameterValue.ErrorInvalidVoiceFormat', () => toneWav({ ms: 1000, rate: 8000 }), {}],
    ['WAV bytes sent as pcm (VoiceFormat 0)', 'InvalidParameterValue.ErrorInvalidVoiceFormat', () => toneWav({ ms: 1000 }), { VoiceFormat: 0 }],
    ['non-audio bytes', 'InvalidParameter.FailedVoicePrintDecode', () => Buffer.from('hello not audio'), {}],
  ] as const)('VoicePrintEnroll · %s → %s', async (_name, code, make, extra) => {
    const r = await vp(make(), extra);
    expect(r.json.Response.Error?.Code).toBe(code === 'success' ? undefined : code);
  });

  test('CreateRecTask · inline WAV: the task result lasts as long as the audio, silence gives no text', async () => {
    const create = async (wav: Buffer) =>
      (await callTc3(em.url, 'CreateRecTask', { EngineModelType: '16k_en', ChannelNum: 1, ResTextFormat: 1, SourceType: 1, Data: wav.toString('base64'), DataLen: wav.length })).json.Response as Answer;
    const poll = async (taskId: number): Promise<Answer> => {
      let last: Answer = {};
      for (let i = 0; i < 3; i++) {
        em.advance(1000);
        last = (await callTc3(em.url, 'DescribeTaskStatus', { TaskId: taskId }, { now: Date.now() + 100_000 })).json.Response as Answer;
      }
      return last.Data;
    };
    const spoken = await poll((await create(toneWav({ ms: 3000 }))).Data.TaskId);
    expect(spoken).toMatchObject({ Status: 2, AudioDuration: 3 });
    expect(spoken.Result).toMatch(/^\[0:0\.\d{3},0:[0-2]\.\d{3}\] {2}[A-Za-z]/);
    const silent = await poll((await create(toneWav({ ms: 3000, freq: 0 }))).Data.TaskId);
    expect(silent).toMatchObject({ Status: 2, Result: '' });
  });

  test.each([
    ['a DataLen that differs', 'InvalidParameterValue.ErrorInvalidVoicedata', { DataLen: 5 }],
    ['raw pcm, which it does not accept', 'InvalidParameterValue.ErrorInvalidVoicedata', { Data: pcmTone({ ms: 500 }).toString('base64'), DataLen: 16000 }],
  ])('CreateRecTask · %s → %s', async (_name, code, change) => {
    const wav = toneWav({ ms: 500 });
    const params: Record<string, unknown> = { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 1, Data: wav.toString('base64'), DataLen: wav.length };
    const r = await callTc3(em.url, 'CreateRecTask', Object.assign(params, change));
    expect(r.json.Response.Error?.Code).toBe(code);
  });
});

describe('resources a request names must exist', () => {
  test.each([
    ['SentenceRecognition', 'HotwordId', 'InvalidParameterValue.InvalidVocabId', { EngSerViceType: '16k_zh', SourceType: 0, VoiceFormat: 'wav', Url: 'https://example.com/a.wav', HotwordId: 'nope' }, 'hot-word table'],
    ['SentenceRecognition', 'CustomizationId', 'InvalidParameterValue.ModelId', { EngSerViceType: '16k_zh', SourceType: 0, VoiceFormat: 'wav', Url: 'https://example.com/a.wav', CustomizationId: 'nope' }, 'self-learning model'],
    ['CreateRecTask', 'KeyWordLibIdList', 'InvalidParameterValue', { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/a.wav', KeyWordLibIdList: ['nope'] }, 'keyword library'],
    ['CreateAsyncRecognitionTask', 'HotwordId', 'InvalidParameterValue.InvalidVocabId', { EngineType: '16k_zh', Url: 'rtmp://example.com/live', CallbackUrl: 'http://127.0.0.1:9/cb', HotwordId: 'nope' }, 'hot-word table'],
  ] as const)('%s · an unknown %s → %s', async (action, param, code, params, what) => {
    const r = await callTc3(em.url, action, params, { language: 'en-US' });
    expect(r.json.Response.Error?.Code).toBe(code);
    expect(r.json.Response.Error?.Message).toContain(`\`${param}\``);
    expect(r.json.Response.Error?.Message).toContain(`No ${what}`);
  });

  test('an existing hot-word table is accepted', async () => {
    const { VocabId } = (await callTc3(em.url, 'CreateAsrVocab', { Name: 'audio test' })).json.Response as Answer;
    const r = await callTc3(em.url, 'SentenceRecognition', { EngSerViceType: '16k_zh', SourceType: 0, VoiceFormat: 'wav', Url: 'https://example.com/a.wav', HotwordId: VocabId });
    expect(r.json.Response.Error).toBeUndefined();
  });
});

describe('flash recognition reads the body', () => {
  async function flash(body: Buffer, params: Record<string, string>): Promise<Answer> {
    const local = em.model.service.local;
    const signed = signedEndpointRequest(em.model.endpoints[0]!, { base: em.url, appId: local.appId, secretId: local.secretId, secretKey: local.secretKey, params, now: Math.floor(Date.now() / 1000) });
    const url = new URL(signed.url);
    return (await (await fetch(`${em.url}${url.pathname}${url.search}`, { method: 'POST', headers: signed.headers, body })).json()) as Answer;
  }
  test.each([
    ['a 2 s WAV', 0, () => toneWav({ ms: 2000 }), { engine_type: '16k_zh', voice_format: 'wav', word_info: '1' }],
    ['non-audio bytes', 4007, () => Buffer.from('hello not audio'), { engine_type: '16k_zh', voice_format: 'wav' }],
    ['WAV bytes claimed as mp3', 4007, () => toneWav({ ms: 500 }), { engine_type: '16k_zh', voice_format: 'mp3' }],
    ['an unknown hotword_id', 4001, () => toneWav({ ms: 500 }), { engine_type: '16k_zh', voice_format: 'wav', hotword_id: 'nope' }],
  ] as const)('%s → code %s', async (_name, code, make, params) => {
    const a = await flash(make(), params);
    expect(a.code).toBe(code);
    if (code === 0) {
      expect(a.audio_duration).toBe(2000);
      const words = a.flash_result[0].sentence_list.flatMap((s: Answer) => s.word_list);
      expect(Math.max(...words.map((w: Answer) => w.end_time))).toBeLessThanOrEqual(2000);
      expect(a.flash_result[0].text).toMatch(HAN);
    } else expect(a.message).not.toBe('');
  });
});
