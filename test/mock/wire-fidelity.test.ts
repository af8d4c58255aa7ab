// What Tencent's official clients read from an answer besides its body, pinned row by row: each row
// names the client, the file and function where it reads it (public source of tencentcloud-sdk-*
// and tencentcloud-speech-sdk-*), what it does with it, and checks the emulator's answers against
// that. The Python SDK's exact Content-Type compare is the reason this exists: with
// `application/json; charset=utf-8` every error reached Python and tccli users as a null success.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type WebSocket from 'ws';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { callbackChecksum } from '../../src/signing/hmac-sha1.js';
import { signedChannelUrl, signedEndpointRequest } from '../../src/signing/surface-urls.js';
import { callTc3, tc3Request, v1Request } from '../helpers/api3-client.js';
import { startCaptureServer, type Captured } from '../helpers/capture-server.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { captureSession, rawRequest, type RawAnswer, type WsCapture } from '../helpers/wire-capture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let em: TestEmulator;
const api3 = new Map<string, RawAnswer>();
const flash = new Map<string, RawAnswer>();
const sessions = new Map<string, WsCapture>();
const callbacks = new Map<string, Captured>();
const TRACE = 'trace-4f6c1d2e';

const json = (a: { raw?: Buffer; body?: Buffer }): Json => JSON.parse((a.raw ?? a.body)!.toString('utf8')) as Json;
const frames = (s: WsCapture): Json[] => s.frames.map((f) => JSON.parse(f.text) as Json);
const charsetOf = (contentType: string | undefined): string | undefined => /;\s*charset=([^;\s]+)/i.exec(contentType ?? '')?.[1];

beforeAll(async () => {
  em = await startTestEmulator({ callbackDelayMs: 50 });
  const trace = { headers: { 'X-TC-TraceId': TRACE } };
  const limit = em.model.service.limits.maxPostBytes;
  api3.set('success', await rawRequest(tc3Request(em.url, 'DescribeAsyncRecognitionTasks', {}, trace)));
  api3.set('error: wrong key', await rawRequest(tc3Request(em.url, 'DescribeAsyncRecognitionTasks', {}, { ...trace, secretKey: 'wrong' })));
  api3.set('error in Chinese: unknown action', await rawRequest(tc3Request(em.url, 'NoSuchAction', {}, { ...trace, language: 'zh-CN' })));
  api3.set('error: legacy HmacSHA1 GET, wrong key', await rawRequest(v1Request(em.url, 'DescribeAsyncRecognitionTasks', {}, { method: 'GET', secretKey: 'wrong' })));
  api3.set('error: body over the limit, answered before it is sent', await rawRequest({ ...tc3Request(em.url, 'DescribeAsyncRecognitionTasks', {}, trace), declaredLength: limit + 1 }));

  const endpoint = em.model.endpoints[0]!;
  const local = em.model.service.local;
  const wav = readFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio));
  const flashCall = (params: Record<string, string>, secretKey = local.secretKey): { url: string; headers: Record<string, string> } => {
    const s = signedEndpointRequest(endpoint, { base: em.url, appId: local.appId, secretId: local.secretId, secretKey, params, now: Math.floor(Date.now() / 1000) });
    return { url: s.url, headers: { ...s.headers, 'Content-Type': 'application/octet-stream' } };
  };
  const engine = { engine_type: '16k_zh', voice_format: 'wav', word_info: '1' };
  flash.set('success', await rawRequest({ ...flashCall(engine), method: 'POST', body: wav }));
  flash.set('refusal: wrong key, answered before the body', await rawRequest({ ...flashCall(engine, 'wrong'), method: 'POST', declaredLength: wav.length }));
  flash.set('refusal: over the limit by Content-Length', await rawRequest({ ...flashCall(engine), method: 'POST', declaredLength: endpoint.body.maxBytes + 1 }));
  flash.set('refusal: unknown engine', await rawRequest({ ...flashCall({ ...engine, engine_type: '48k_xx' }), method: 'POST', body: wav }));

  const wsUrl = (channel: string, params: Record<string, string>, secretKey = local.secretKey): string =>
    signedChannelUrl(em.model.channels.find((c) => c.name === channel)!, { base: em.url.replace('http', 'ws'), appId: local.appId, secretId: local.secretId, secretKey, params, now: Math.floor(Date.now() / 1000) }).url;
  const speak = (ms: number, bytesPerMs: number) => (ws: WebSocket): void => {
    for (let t = 0; t < ms; t += 200) ws.send(Buffer.alloc(200 * bytesPerMs, (t / 200) % 250));
    ws.send(JSON.stringify({ type: 'end' }));
  };
  sessions.set('realtime: a whole session', await captureSession(wsUrl('realtime', { engine_model_type: '16k_zh', voice_id: 'wire-1', word_info: '1' }), speak(2500, 32)));
  sessions.set('realtime: refused, wrong key', await captureSession(wsUrl('realtime', { engine_model_type: '16k_zh', voice_id: 'wire-2' }, 'wrong'), () => {}));
  sessions.set('virtual number: a whole session', await captureSession(wsUrl('virtual-number', { voice_id: 'wire-3' }), speak(1200, 16)));

  const receiver = await startCaptureServer();
  try {
    await callTc3(em.url, 'CreateRecTask', { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 1, SourceType: 0, Url: 'https://example.com/a.wav', CallbackUrl: `${receiver.url}/rec` });
    await callTc3(em.url, 'CreateAsyncRecognitionTask', { EngineType: '16k_zh', Url: 'rtmp://example.com/live', CallbackUrl: `${receiver.url}/stream`, SignToken: 'tok-9' });
    for (let i = 0; i < 200 && !(['/rec', '/stream'] as const).every((p) => receiver.requests.some((r) => r.url === p)); i++) await new Promise((r) => setTimeout(r, 25));
    for (const [name, path] of [['RecTaskCallback', '/rec'], ['StreamTaskCallback', '/stream']] as const) callbacks.set(name, receiver.requests.find((r) => r.url === path)!);
  } finally {
    await receiver.close();
  }
}, 60_000);
afterAll(() => em.close());

interface Rule<A> {
  client: string;
  where: string;
  does: string;
  check: (a: A, name: string) => void;
}

const notAStream = (a: RawAnswer): void => expect(a.headers['content-type']).not.toBe('text/event-stream');
const status200 = (a: RawAnswer): void => expect(a.status).toBe(200);

const API3: Rule<RawAnswer>[] = [
  { client: 'tencentcloud-sdk-python', where: 'tencentcloud/common/abstract_client.py AbstractClient._check_status', does: 'raises ServerNetworkError for any status but 200, without reading the body', check: status200 },
  {
    client: 'tencentcloud-sdk-python (and tccli)',
    where: 'tencentcloud/common/abstract_client.py AbstractClient._check_error',
    does: 'raises Response.Error (with Code, Message, RequestId) only when Content-Type is exactly application/json or text/plain',
    check: (a) => {
      expect(['application/json', 'text/plain']).toContain(a.headers['content-type']);
      expect(a.headers['content-type']).toBe(em.model.service.answer.contentType);
      const r = json(a).Response;
      if (r.Error) expect([typeof r.Error.Code, typeof r.Error.Message, typeof r.RequestId]).toEqual(['string', 'string', 'string']);
    },
  },
  { client: 'tencentcloud-sdk-go', where: 'tencentcloud/common/http/response.go parseFromJson', does: 'returns ClientError.HttpStatusCodeError for any status but 200', check: status200 },
  { client: 'tencentcloud-sdk-go', where: 'tencentcloud/common/http/response.go ParseFromHttpResponse', does: 'reads an answer with Content-Type text/event-stream as a stream of events, anything else as JSON', check: notAStream },
  {
    client: 'tencentcloud-sdk-go',
    where: 'tencentcloud/common/http/response.go BaseResponse.ParseErrorFromHTTPResponse',
    does: 'fails on Response.Error.Code, then on a top-level non-zero `code` (the deprecated error format)',
    check: (a) => {
      const body = json(a);
      expect(Object.keys(body)).toEqual([em.model.service.envelope.response]);
      if (body.Response.Error) expect(body.Response.Error.Code).toMatch(/^[A-Za-z]+(\.[A-Za-z0-9]+)*$/);
    },
  },
  { client: 'tencentcloud-sdk-java', where: 'src/main/java/com/tencentcloudapi/common/AbstractClient.java internalRequestRaw', does: 'throws "response code is …, not 200" for any other status', check: status200 },
  { client: 'tencentcloud-sdk-java', where: 'src/main/java/com/tencentcloudapi/common/AbstractClient.java internalRequest', does: 'reads Content-Type text/event-stream as events, anything else as JSON', check: notAStream },
  {
    client: 'tencentcloud-sdk-java',
    where: 'src/main/java/com/tencentcloudapi/common/AbstractClient.java processResponseJson',
    does: "reads the body with OkHttp's body().string(): it fails when Content-Length and the body disagree, and decodes by the Content-Type charset, UTF-8 when there is none",
    check: (a) => {
      expect(Number(a.headers['content-length'])).toBe(a.raw.length);
      expect(a.headers['transfer-encoding']).toBeUndefined();
      expect([undefined, 'utf-8']).toContain(charsetOf(a.headers['content-type'])?.toLowerCase());
      expect(isUtf8(a.raw)).toBe(true);
    },
  },
  { client: 'tencentcloud-sdk-php', where: 'src/TencentCloud/Common/AbstractClient.php doRequestWithOptions', does: 'throws for any status but 200; an exact text/event-stream Content-Type is read as events', check: (a) => (status200(a), notAStream(a)) },
  {
    client: 'tencentcloud-sdk-php',
    where: 'src/TencentCloud/Common/AbstractClient.php handleJsonResponse',
    does: 'json_decode(body)["Response"]; its Error becomes TencentCloudSDKException(Code, Message, RequestId)',
    check: (a) => {
      const r = json(a).Response;
      expect(typeof r).toBe('object');
      expect(typeof r.RequestId).toBe('string');
    },
  },
  { client: 'tencentcloud-sdk-dotnet', where: 'TencentCloud/Common/AbstractClient.cs InternalRequestAsync', does: 'throws "invalid http status" for any status but OK; a first Content-Type value text/event-stream is read as events', check: (a) => (status200(a), notAStream(a)) },
  { client: 'tencentcloud-sdk-cpp', where: 'core/src/http/HttpClient.cpp HttpClient::SendRequest', does: 'returns ServiceNetworkError for any status but 200', check: status200 },
  {
    client: 'tencentcloud-sdk-cpp',
    where: 'asr/src/v20190614/model/GetAsrVocabResponse.cpp GetAsrVocabResponse::Deserialize (every *Response::Deserialize)',
    does: 'fails unless Response.RequestId is a string, and an Error has string Code and Message',
    check: (a) => {
      const r = json(a).Response;
      expect(typeof r.RequestId).toBe('string');
      if (r.Error) expect([typeof r.Error.Code, typeof r.Error.Message]).toEqual(['string', 'string']);
    },
  },
  {
    client: 'tencentcloud-sdk-nodejs',
    where: 'src/common/abstract_client.ts AbstractClient.parseResponse',
    does: 'throws TencentCloudSDKHttpException for any status but 200, reads text/event-stream as events, and puts the x-tc-traceid answer header into its exceptions',
    check: (a, name) => {
      status200(a);
      notAStream(a);
      if (!name.includes('legacy')) expect(a.headers['x-tc-traceid']).toBe(TRACE);
    },
  },
  {
    client: 'tencentcloud-sdk-go, -java, -dotnet',
    where: 'response.go parseFromSSE, AbstractClient.java processResponseSSE, AbstractClient.cs ReadSSEResponseAsync',
    does: 'take the request id of a streamed answer from its X-TC-RequestId header',
    check: (a) => expect(a.headers['x-tc-requestid']).toBe(json(a).Response.RequestId),
  },
];

const FLASH: Rule<RawAnswer>[] = [
  {
    client: 'tencentcloud-speech-sdk-go',
    where: 'asr/flashrecognizer.go FlashRecognizer.Recognize',
    does: 'fails with "http code not 200" for any other status, never reading the body\'s code; unmarshals request_id string, code int, message string, audio_duration int64, flash_result omitempty',
    check: (a) => {
      status200(a);
      const b = json(a);
      expect([typeof b.request_id, Number.isInteger(b.code), typeof b.message, Number.isInteger(b.audio_duration)]).toEqual(['string', true, 'string', true]);
      if (b.code !== 0) expect(b.flash_result).toBeUndefined();
    },
  },
  {
    client: 'tencentcloud-speech-sdk-java',
    where: 'src/main/java/com/tencent/asr/service/FlashRecognizer.java FlashRecognizer.recognize',
    does: 'parses the body as JSON whatever the status, read with EntityUtils.toString(entity, "utf-8"): the Content-Type charset wins, UTF-8 when there is none',
    check: (a) => {
      expect([undefined, 'utf-8']).toContain(charsetOf(a.headers['content-type'])?.toLowerCase());
      expect(isUtf8(a.raw)).toBe(true);
      expect(typeof json(a)).toBe('object');
    },
  },
  {
    client: 'tencentcloud-speech-sdk-python',
    where: 'asr/flash_recognizer.py FlashRecognizer.recognize',
    does: "returns requests' r.text, decoded by the Content-Type charset (guessed when there is none), so the answer names utf-8",
    check: (a) => {
      expect(a.headers['content-type']).toBe(em.model.endpoints[0]!.answer.contentType);
      expect(charsetOf(a.headers['content-type'])?.toLowerCase()).toBe('utf-8');
    },
  },
  { client: 'tencentcloud-speech-sdk-nodejs', where: 'asr/flashRecognizer.js FlashRecognizer.doRequest', does: "hands the body the 'request' library read (by Content-Length) to the callback as text", check: (a) => expect(Number(a.headers['content-length'])).toBe(a.raw.length) },
];

const WEBSOCKET: Rule<WsCapture>[] = [
  {
    client: 'tencentcloud-speech-sdk-go',
    where: 'asr/speechrecognizer.go SpeechRecognizer.Start (and VNRecognizer.Start)',
    does: 'reads one frame after the upgrade: code 0 starts the session, any other code fails the start with its message',
    check: (s, name) => {
      expect(s.upgradeStatus).toBeUndefined();
      const first = frames(s)[0]!;
      expect(Number.isInteger(first.code)).toBe(true);
      expect(typeof first.message).toBe('string');
      expect(first.code === 0).toBe(!name.includes('refused'));
    },
  },
  {
    client: 'tencentcloud-speech-sdk-go',
    where: 'asr/speechrecognizer.go SpeechRecognizer.receive, asr/virtual_number_recogizer.go VNRecognizer.receive',
    does: 'unmarshals every frame into code int and final uint32 (result uint32 for the virtual number): a number, never the string the documentation shows; final 1 completes, a non-zero code fails',
    check: (s, name) => {
      for (const f of frames(s)) {
        expect(Number.isInteger(f.code)).toBe(true);
        if (f.final !== undefined) expect(f.final).toBe(1);
        if (name.startsWith('virtual') && f.result !== undefined) expect(Number.isInteger(f.result) && f.result >= 0).toBe(true);
      }
      const last = frames(s).at(-1)!;
      expect(name.includes('refused') ? last.code !== 0 : last.final === 1).toBe(true);
    },
  },
  { client: 'tencentcloud-speech-sdk-java', where: 'src/main/java/com/tencent/asrv2/SpeechRecognizerListener.java onMessage(ByteBuffer)', does: 'drops binary frames unread: only text frames reach the listener', check: (s) => expect(s.frames.filter((f) => f.binary)).toEqual([]) },
  {
    client: 'tencentcloud-speech-sdk-python',
    where: 'asr/speech_recognizer.py SpeechRecognizer.start on_message',
    does: "reads response['code'] of every frame, and response['result']['slice_type'] of classic-mode results",
    check: (s) => {
      for (const f of frames(s)) {
        expect(f).toHaveProperty('code');
        if (typeof f.result === 'object') expect([0, 1, 2]).toContain(f.result.slice_type);
      }
    },
  },
  { client: 'tencentcloud-speech-sdk-go', where: 'asr/speechrecognizer.go SpeechRecognizer.receive', does: 'stops reading after final or an error: the server closes the connection then (normal closure)', check: (s) => expect(s.closeCode).toBe(1000) },
];

const CALLBACK_DOCS: Record<string, string> = {
  RecTaskCallback: "Tencent's recorded-file callback documentation (cloud.tencent.com/document/product/1093/52632)",
  StreamTaskCallback: "Tencent's stream callback documentation (cloud.tencent.com/document/product/1093/52633)",
};

const CALLBACK: Rule<Captured>[] = [
  {
    client: 'receivers written to',
    where: 'the callback documentation',
    does: 'expect a POST with exactly the documented Content-Type: the form for recorded files, application/json; charset=UTF-8 for streams',
    check: (c, name) => {
      const cb = em.model.callbacks.find((x) => x.name === name)!;
      expect(c.method).toBe('POST');
      expect(c.headers['content-type']).toBe(name === 'RecTaskCallback' ? 'application/x-www-form-urlencoded' : 'application/json; charset=UTF-8');
      expect(c.headers['content-type']).toBe(cb.charset ? `${cb.contentType}; charset=${cb.charset}` : cb.contentType);
    },
  },
  {
    client: 'receivers written to',
    where: 'the callback documentation',
    does: 'read a body of the stated Content-Length, UTF-8 text (a form, or JSON whose CheckSum is computed over the exact bytes)',
    check: (c, name) => {
      expect(Number(c.headers['content-length'])).toBe(c.body.length);
      expect(isUtf8(c.body)).toBe(true);
      if (name === 'StreamTaskCallback') expect(c.headers.checksum).toBe(callbackChecksum(em.model.service.local.appId, 'tok-9', c.body.toString('utf8')));
      else expect(Object.fromEntries(new URLSearchParams(c.body.toString('utf8')))).toHaveProperty('requestId');
    },
  },
];

const rows = <A>(rules: Rule<A>[], answers: () => Map<string, A>, names: string[]): [string, () => void][] =>
  names.flatMap((name) => rules.map((r): [string, () => void] => [`${name} · ${r.does} — ${r.client}: ${r.where}`, () => r.check(answers().get(name)!, name)]));

describe('answers every official client believes', () => {
  test.each(rows(API3, () => api3, ['success', 'error: wrong key', 'error in Chinese: unknown action', 'error: legacy HmacSHA1 GET, wrong key', 'error: body over the limit, answered before it is sent']))('API 3.0 %s', (_name, check) => check());

  test.each(rows(FLASH, () => flash, ['success', 'refusal: wrong key, answered before the body', 'refusal: over the limit by Content-Length', 'refusal: unknown engine']))('flash %s', (_name, check) => check());

  test.each(rows(WEBSOCKET, () => sessions, ['realtime: a whole session', 'realtime: refused, wrong key', 'virtual number: a whole session']))('WebSocket %s', (_name, check) => check());

  test.each(rows(CALLBACK, () => callbacks, ['RecTaskCallback', 'StreamTaskCallback']).map(([n, c]): [string, () => void] => [n.replace('the callback documentation', CALLBACK_DOCS[n.split(' · ')[0]!]!), c]))('callback %s', (_name, check) => check());

  test('the answers above are what their surface says they are: errors are errors, refusals carry their codes', () => {
    expect(json(api3.get('success')!).Response.Error).toBeUndefined();
    for (const [name, a] of api3) if (name !== 'success') expect(json(a).Response.Error?.Code, name).toMatch(/./);
    expect([...flash.values()].map((a) => json(a).code)).toEqual([0, 4002, 4011, 4001]);
    expect(json(api3.get('error in Chinese: unknown action')!).Response.Error.Message).toMatch(/[\u4e00-\u9fff]/);
    expect(em.logs.filter((l) => /internal|unhandled/.test(l))).toEqual([]);
  });
});
