// The real-time and virtual-number WebSockets on the emulator: signed URLs, the acknowledgement,
// slices 0/1/2 as audio arrives, the final message after {"type":"end"}, and the documented limits.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { describeAjvError } from '../../src/model/ajv.js';
import { ModelValidators } from '../../src/model/validators.js';
import { signedChannelUrl } from '../../src/signing/surface-urls.js';
import { callTc3 } from '../helpers/api3-client.js';
import { pcmTone, toneWav } from '../helpers/audio.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let em: TestEmulator;
let validators: ModelValidators;
beforeAll(async () => {
  em = await startTestEmulator({ wsSilenceMs: 300 });
  validators = ModelValidators.for(em.model);
});
afterAll(() => em.close());

type Msg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function url(channel: string, o: { params?: Record<string, string>; secretKey?: string; now?: number; expiresIn?: number; host?: string; drop?: string } = {}): string {
  const c = em.model.channels.find((x) => x.name === channel)!;
  const local = em.model.service.local;
  const params = o.params ?? (channel === 'realtime' ? { engine_model_type: '16k_zh', voice_id: `t-${Math.random()}`, word_info: '1' } : { voice_id: `t-${Math.random()}` });
  const signed = signedChannelUrl(c, { base: o.host ? `wss://${o.host}` : em.url.replace('http', 'ws'), appId: local.appId, secretId: local.secretId, secretKey: o.secretKey ?? local.secretKey, params, now: o.now ?? Math.floor(Date.now() / 1000), ...(o.expiresIn ? { expiresIn: o.expiresIn } : {}) }).url;
  let u = signed.replace(/^wss:\/\/[^/]+/, em.url.replace('http', 'ws'));
  if (o.drop) u = u.replace(new RegExp(`([?&])${o.drop}=[^&]*&?`), '$1');
  return u;
}

function session(address: string, drive: (ws: WebSocket) => void): Promise<Msg[]> {
  return new Promise((resolve, reject) => {
    const messages: Msg[] = [];
    const ws = new WebSocket(address);
    const timer = setTimeout(() => reject(new Error(`no close; got ${JSON.stringify(messages)}`)), 10_000);
    ws.on('open', () => drive(ws));
    ws.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString()) as Msg));
    ws.on('close', () => {
      clearTimeout(timer);
      resolve(messages);
    });
    ws.on('error', reject);
  });
}

/** The most specific receive message of the channel that fits. */
function kind(channel: string, m: Msg): string {
  const c = em.model.channels.find((x) => x.name === channel)!;
  const found = c.messages
    .filter((x) => x.direction === 'receive' && x.payload)
    .sort((a, b) => b.payload!.fields.filter((f) => f.always).length - a.payload!.fields.filter((f) => f.always).length)
    .find((x) => validators.surface(`message.${channel}.${x.name}`)(m));
  if (!found) {
    const v = validators.surface(`message.${channel}.error`);
    v(m);
    throw new Error(`${JSON.stringify(m)} fits no message: ${(v.errors ?? []).map(describeAjvError).join('; ')}`);
  }
  return found.name;
}

const pcm = (ms: number, bytesPerMs = 32): Buffer[] => {
  const chunks: Buffer[] = [];
  for (let sent = 0; sent < ms; sent += 200) chunks.push(Buffer.alloc(200 * bytesPerMs, (sent / 200) % 250));
  return chunks;
};

describe('real-time recognition WebSocket', () => {
  test('acknowledges, streams slices 0, 1 … 2 as audio arrives, and ends with final after end', async () => {
    const messages = await session(url('realtime'), (ws) => {
      for (const c of pcm(2500)) ws.send(c);
      ws.send(JSON.stringify({ type: 'end' }));
    });
    const kinds = messages.map((m) => kind('realtime', m));
    expect(kinds[0]).toBe('ack');
    expect(kinds.at(-1)).toBe('final');
    expect(messages.at(-1)!.final).toBe(1);
    const slices = messages.filter((m) => m.result).map((m) => m.result.slice_type);
    expect(slices[0]).toBe(0);
    expect(slices).toContain(1);
    expect(slices.at(-1)).toBe(2);
    const ids = messages.filter((m) => m.message_id).map((m) => m.message_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of messages) expect(m.voice_id).toBe(messages[0]!.voice_id);
  });

  test('result_mod=1 answers in sentence mode', async () => {
    const messages = await session(url('realtime', { params: { engine_model_type: '16k_zh', voice_id: 'sentences', result_mod: '1' } }), (ws) => {
      for (const c of pcm(1000)) ws.send(c);
      ws.send(JSON.stringify({ type: 'end' }));
    });
    const kinds = messages.map((m) => kind('realtime', m));
    expect(kinds).toContain('sentenceResult');
    expect(kinds).not.toContain('result');
    expect(messages.filter((m) => m.sentences).at(-1)!.sentences.sentence_list[0].sentence_type).toBe(1);
  });

  test.each([
    ['more than 3 s of audio within one second', (ws: WebSocket) => pcm(4000).forEach((c) => ws.send(c)), 4000],
    ['an unknown text message', (ws: WebSocket) => ws.send(JSON.stringify({ type: 'pause' })), 4010],
    ['text that is not JSON', (ws: WebSocket) => ws.send('hello'), 4010],
    ['silence (the limit shortened for the test)', () => {}, 4008],
  ])('%s → the error code, then close', async (_name, drive, code) => {
    const messages = await session(url('realtime'), drive);
    expect(messages[0]).toMatchObject({ code: 0 });
    // Results for the audio before the limit may come first; nothing comes after the error.
    expect(messages.slice(1, -1).every((m) => m.result)).toBe(true);
    // An error has the acknowledgement's fields, so the code tells them apart; both must fit the schemas.
    expect(messages.at(-1)).toMatchObject({ code });
    kind('realtime', messages.at(-1)!);
  });

  test.each([
    ['a wrong key', { secretKey: 'wrong' }, 4002],
    ['an expired URL', { now: Math.floor(Date.now() / 1000) - 100, expiresIn: 50 }, 4002],
    ['a URL signed too long ago', { now: Math.floor(Date.now() / 1000) - 1000 }, 4002],
    ['no nonce', { drop: 'nonce' }, 4002],
    ['no voice_id (signed, but required)', { params: { engine_model_type: '16k_zh' } }, 4001],
    ['an engine that does not exist', { params: { engine_model_type: '48k_klingon', voice_id: 'x' } }, 4001],
  ])('%s → refused before any acknowledgement', async (_name, o, code) => {
    const messages = await session(url('realtime', o), () => {});
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ code });
  });

  test('accepts a URL signed over the real host asr.cloud.tencent.com', async () => {
    const messages = await session(url('realtime', { host: 'asr.cloud.tencent.com' }), (ws) => ws.send(JSON.stringify({ type: 'end' })));
    expect(messages.map((m) => kind('realtime', m))).toEqual(['ack', 'final']);
  });

  test('a session\'s audio is counted as asr_rt usage', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const before = (await callTc3(em.url, 'GetUsageByDate', { BizNameList: ['asr_rt'], StartDate: today, EndDate: today })).json.Response as Msg;
    await session(url('realtime'), (ws) => {
      for (const c of pcm(1000)) ws.send(c);
      ws.send(JSON.stringify({ type: 'end' }));
    });
    const after = (await callTc3(em.url, 'GetUsageByDate', { BizNameList: ['asr_rt'], StartDate: today, EndDate: today })).json.Response as Msg;
    expect(after.Data.UsageByDateInfoList[0].Count).toBe(before.Data.UsageByDateInfoList[0].Count + 1);
  });
});

describe('real-time recognition follows the audio it receives', () => {
  /** Sends 200 ms frames one at a time, recording how much audio had gone out when each result arrived. */
  function paced(address: string, frames: Buffer[], frameMs: number): Promise<{ messages: Msg[]; sentMsAt: number[] }> {
    return new Promise((resolve, reject) => {
      const messages: Msg[] = [];
      const sentMsAt: number[] = [];
      let sent = 0;
      const ws = new WebSocket(address);
      const next = (): void => {
        if (sent < frames.length) {
          ws.send(frames[sent]!);
          sent += 1;
          setTimeout(next, 20);
        } else ws.send(JSON.stringify({ type: 'end' }));
      };
      ws.on('open', next);
      ws.on('message', (d: Buffer) => {
        messages.push(JSON.parse(d.toString()) as Msg);
        sentMsAt.push(sent * frameMs);
      });
      ws.on('close', () => resolve({ messages, sentMsAt }));
      ws.on('error', reject);
    });
  }
  const frames = (audio: Buffer, bytes: number): Buffer[] => Array.from({ length: Math.ceil(audio.length / bytes) }, (_v, i) => audio.subarray(i * bytes, (i + 1) * bytes));

  test.each([
    ['pcm (voice_format 1), 16k_zh', '1', '16k_zh', () => frames(pcmTone({ ms: 2000 }), 6400), /\p{Script=Han}/u],
    ['pcm (voice_format 1), 16k_en', '1', '16k_en', () => frames(pcmTone({ ms: 2000 }), 6400), /^[A-Za-z ,.'?]+$/],
    ['wav (voice_format 12), header in the first frame', '12', '16k_zh', () => { const w = toneWav({ ms: 2000 }); return [w.subarray(0, 44 + 6400), ...frames(w.subarray(44 + 6400), 6400)]; }, /\p{Script=Han}/u],
  ] as const)('%s: no word ends after the audio sent so far, nor after the audio at all', async (_name, format, engine, make, script) => {
    const { messages, sentMsAt } = await paced(url('realtime', { params: { engine_model_type: engine, voice_id: `paced-${format}-${engine}`, word_info: '1', voice_format: format } }), make(), 200);
    const results = messages.map((m, i) => ({ m, sent: sentMsAt[i]! })).filter((x) => x.m.result);
    expect(results.length).toBeGreaterThan(0);
    for (const { m, sent } of results) {
      expect(m.result.end_time).toBeLessThanOrEqual(sent);
      for (const w of m.result.word_list) expect(w.end_time).toBeLessThanOrEqual(Math.min(sent, 2000));
    }
    expect(results.at(-1)!.m.result.slice_type).toBe(2);
    expect(results.filter((r) => r.m.result.slice_type === 2).map((r) => r.m.result.voice_text_str).join('')).toMatch(script);
    expect(messages.at(-1)).toMatchObject({ final: 1 });
  });

  test('silence gives no words, only the final message', async () => {
    const messages = await session(url('realtime', { params: { engine_model_type: '16k_zh', voice_id: 'quiet', voice_format: '1' } }), (ws) => {
      for (const f of frames(pcmTone({ ms: 1000, freq: 0 }), 6400)) ws.send(f);
      ws.send(JSON.stringify({ type: 'end' }));
    });
    expect(messages.map((m) => kind('realtime', m))).toEqual(['ack', 'final']);
  });

  test.each([
    ['text claimed as mp3 (voice_format 8)', '8', () => Buffer.from('hello not audio')],
    ['pcm claimed as wav (voice_format 12)', '12', () => pcmTone({ ms: 200 })],
    ['WAV bytes claimed as m4a (voice_format 14)', '14', () => toneWav({ ms: 200 })],
    ['an 8 kHz WAV to a 16k engine', '12', () => toneWav({ ms: 200, rate: 8000 })],
  ] as const)('%s → 4007, then close', async (_name, format, make) => {
    const messages = await session(url('realtime', { params: { engine_model_type: '16k_zh', voice_id: `bad-${format}`, voice_format: format } }), (ws) => ws.send(make()));
    expect(messages.at(-1)).toMatchObject({ code: 4007 });
    kind('realtime', messages.at(-1)!);
  });

  test('an unknown hotword_id is refused before any acknowledgement', async () => {
    const messages = await session(url('realtime', { params: { engine_model_type: '16k_zh', voice_id: 'hw', hotword_id: 'nope' } }), () => {});
    expect(messages).toEqual([expect.objectContaining({ code: 4001, message: expect.stringContaining('hotword_id') })]);
  });
});

describe('virtual-number detection WebSocket', () => {
  test('answers that a person picked up after a second of audio', async () => {
    const messages = await session(url('virtual-number'), (ws) => pcm(1200, 16).forEach((c) => ws.send(c)));
    expect(messages.map((m) => kind('virtual-number', m))).toEqual(['ack', 'result']);
    expect(messages[1]).toMatchObject({ result: 1, final: 1 });
  });

  test('silence is no person: after two seconds of it the client ends, and the answer is "not yet"', async () => {
    const messages = await session(url('virtual-number', { params: { voice_id: 'silent-call', voice_format: '1' } }), (ws) => {
      for (let i = 0; i < 10; i++) ws.send(pcmTone({ ms: 200, rate: 8000, freq: 0 }));
      ws.send(JSON.stringify({ type: 'end' }));
    });
    expect(messages[1]).toMatchObject({ result: 0, final: 1 });
  });

  test('answers "not yet" when the client ends first', async () => {
    const messages = await session(url('virtual-number'), (ws) => ws.send(JSON.stringify({ type: 'end' })));
    expect(messages[1]).toMatchObject({ result: 0, final: 1 });
  });

  test('refuses a wrong key', async () => {
    const messages = await session(url('virtual-number', { secretKey: 'wrong' }), () => {});
    expect(messages).toEqual([expect.objectContaining({ code: 4002 })]);
  });
});
