// Spec → the non-API-3.0 surfaces of the model (flash endpoint, WebSocket channels, callbacks).
import type { Diagnostic } from '../spec/diagnostics.js';
import type { SpecFile } from '../spec/load.js';
import { locate, type SpecPath } from '../spec/locate.js';
import { EmulatorBuilder } from './build-emulator.js';
import type { Callback, Channel, ChannelMessage, Endpoint, NumericCode, SurfaceExample } from './surface-types.js';
import type { Answer, Shape, SourceLocation } from './types.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- shape already checked by the JSON Schema
export type ShapeBuilder = (file: SpecFile, path: SpecPath, raw: Raw) => Shape;

function at(file: SpecFile, path: SpecPath): SourceLocation {
  const { line, column } = locate(file, path);
  return { file: file.path, line, column };
}

function codes(raw: Raw | undefined): NumericCode[] {
  return Object.entries<Raw>(raw ?? {})
    .map(([code, c]) => ({ code: Number(code), ...(c.role ? { role: c.role } : {}), description: c.description, ...(c.message ? { message: c.message } : {}) }))
    .sort((a, b) => a.code - b.code);
}

/** The wire facts of a surface's answers (service.yaml and endpoint files share the shape). */
export function answerOf(raw: Raw): Answer {
  return {
    status: raw.status,
    contentType: raw.contentType,
    ...(raw.requestIdHeader ? { requestIdHeader: raw.requestIdHeader } : {}),
    echoHeaders: raw.echoHeaders ?? [],
    description: raw.description,
    ...(raw.choice ? { choice: raw.choice } : {}),
  };
}

const examples = (raw: Raw[]): SurfaceExample[] => raw.map((e) => ({ ...e }) as SurfaceExample);

export function buildEndpoint(file: SpecFile, data: Raw, shape: ShapeBuilder, diagnostics: Diagnostic[]): Endpoint {
  return {
    name: data.endpoint,
    titleZh: data.titleZh,
    summary: data.summary,
    description: data.description,
    mutating: data.mutating === true,
    statusField: data.statusField,
    requestIdField: data.requestIdField,
    ...(data.engineParameter ? { engineParameter: data.engineParameter } : {}),
    host: data.host,
    method: data.method,
    path: data.path,
    pathParameters: shape(file, [], { fields: data.pathParameters ?? {}, required: Object.keys(data.pathParameters ?? {}) }).fields,
    signature: data.signature,
    query: shape(file, ['query'], data.query),
    body: data.body,
    response: shape(file, ['response'], data.response),
    answer: answerOf(data.answer),
    codes: codes(data.codes),
    examples: examples(data.examples),
    emulator: new EmulatorBuilder(file, diagnostics).behaviour(data.emulator, ['emulator']),
    loc: at(file, ['endpoint']),
  };
}

export function buildChannel(file: SpecFile, data: Raw, shape: ShapeBuilder, diagnostics: Diagnostic[]): Channel {
  const builder = new EmulatorBuilder(file, diagnostics);
  const messages: ChannelMessage[] = Object.entries<Raw>(data.messages).map(([name, m]) => ({
    name,
    direction: m.direction,
    binary: m.binary === true,
    ...(m.audio ? { audio: m.audio } : {}),
    description: m.description,
    ...(m.payload ? { payload: shape(file, ['messages', name, 'payload'], m.payload) } : {}),
    emulator: builder.map(m.emulator, ['messages', name, 'emulator']),
  }));
  return {
    name: data.channel,
    titleZh: data.titleZh,
    summary: data.summary,
    description: data.description,
    host: data.host,
    path: data.path,
    pathParameters: shape(file, [], { fields: data.pathParameters ?? {}, required: Object.keys(data.pathParameters ?? {}) }).fields,
    signature: data.signature,
    parameterRoles: data.parameterRoles,
    query: shape(file, ['query'], data.query),
    messages,
    codes: codes(data.codes),
    limits: data.limits ?? {},
    examples: examples(data.examples),
    ...(data.emulator
      ? {
          emulator: {
            mode: data.emulator.mode,
            voiceId: builder.value(data.emulator.voiceId, ['emulator', 'voiceId']),
            bytesPerMs: builder.value(data.emulator.bytesPerMs, ['emulator', 'bytesPerMs']),
            ...(data.emulator.resultMessage !== undefined ? { resultMessage: builder.value(data.emulator.resultMessage, ['emulator', 'resultMessage']) } : {}),
            ...(data.emulator.decisionAfterMs !== undefined ? { decisionAfterMs: data.emulator.decisionAfterMs } : {}),
            ...(data.emulator.decision !== undefined ? { decision: builder.value(data.emulator.decision, ['emulator', 'decision']) } : {}),
            ...(data.emulator.meter !== undefined ? { meter: data.emulator.meter } : {}),
          },
        }
      : {}),
    loc: at(file, ['channel']),
  };
}

export function buildCallback(file: SpecFile, data: Raw, shape: ShapeBuilder, diagnostics: Diagnostic[]): Callback {
  const builder = new EmulatorBuilder(file, diagnostics);
  return {
    name: data.callback,
    titleZh: data.titleZh,
    summary: data.summary,
    description: data.description,
    action: data.action,
    urlParameter: data.urlParameter,
    contentType: data.contentType,
    ...(data.charset ? { charset: data.charset } : {}),
    headers: Object.entries<Raw>(data.headers ?? {}).map(([name, h]) => ({ name, description: h.description })),
    ...(data.checksum ? { checksum: data.checksum } : {}),
    body: shape(file, ['body'], data.body),
    reply: { description: data.reply.description, shape: shape(file, ['reply'], data.reply), ...(data.reply.success ? { success: data.reply.success } : {}) },
    retry: data.retry,
    codes: codes(data.codes),
    examples: examples(data.examples),
    ...(data.emulator
      ? { emulator: { resource: data.emulator.resource, bindings: builder.map(data.emulator.bindings, ['emulator', 'bindings']), headers: builder.map(data.emulator.headers, ['emulator', 'headers']), ...(data.emulator.engine !== undefined ? { engine: builder.value(data.emulator.engine, ['emulator', 'engine']) } : {}) } }
      : {}),
    loc: at(file, ['callback']),
  };
}
