// The non-API-3.0 surfaces of ASR: flash recognition (HTTP), the real-time and virtual-number
// WebSockets, and the callbacks the service POSTs to a caller's URL.
import type { AudioRules } from './audio-types.js';
import type { Behaviour, Value, ValueMap } from './emulator-types.js';
import type { Answer, Field, Shape, SourceLocation } from './types.js';

export interface NumericCode {
  code: number;
  /** The situation the emulator answers with this code (success, auth-failed, …). */
  role?: string;
  description: string;
  message?: string;
}

export interface HmacSignature {
  algorithm: 'HMAC-SHA1';
  /** Whether the HTTP method starts the string to sign (flash) or not (WebSockets). */
  method: boolean;
  header?: string;
  parameter?: string;
  stringToSign: string;
  secretIdParameter?: string;
  timestampParameter?: string;
  expiredParameter?: string;
  nonceParameter?: string;
  toleranceSeconds: number;
  maxValiditySeconds?: number;
  description: string;
}

export interface SurfaceExample {
  title: string;
  query?: Record<string, unknown>;
  body?: unknown;
  response?: Record<string, unknown>;
  messages?: Record<string, unknown>[];
  reply?: Record<string, unknown>;
}

export interface Endpoint {
  name: string;
  titleZh: string;
  summary: string;
  description: string;
  mutating: boolean;
  /** Response field with the numeric code (0 = success), and the one with the request id. */
  statusField: string;
  requestIdField: string;
  /** The query parameter naming the engine, where the spec names it. */
  engineParameter?: string;
  host: string;
  method: 'POST' | 'GET';
  /** With `{name}` placeholders, e.g. `/asr/flash/v1/{appId}`. */
  path: string;
  pathParameters: Field[];
  signature: HmacSignature;
  query: Shape;
  body: { contentType: string; description: string; maxBytes: number; audio?: AudioRules };
  response: Shape;
  answer: Answer;
  codes: NumericCode[];
  examples: SurfaceExample[];
  emulator: Behaviour;
  loc: SourceLocation;
}

export interface ChannelMessage {
  name: string;
  /** send: client → server; receive: server → client. */
  direction: 'send' | 'receive';
  binary: boolean;
  description: string;
  payload?: Shape;
  /** For the binary audio message: what its frames must hold. */
  audio?: AudioRules;
  /** How the emulator fills the message from a session event. */
  emulator: ValueMap;
}

export interface ChannelEmulator {
  /** transcript: results stream as audio arrives; detection: one answer after enough audio. */
  mode: 'transcript' | 'detection';
  voiceId: Value;
  bytesPerMs: Value;
  resultMessage?: Value;
  decisionAfterMs?: number;
  decision?: Value;
  /** Business name a session's audio is counted under for usage reports. */
  meter?: string;
}

export interface Channel {
  name: string;
  titleZh: string;
  summary: string;
  description: string;
  host: string;
  path: string;
  pathParameters: Field[];
  signature: HmacSignature;
  /** Which query parameters carry the session id, the engine and the audio format. */
  parameterRoles: { session: string; engine?: string; audioFormat?: string };
  query: Shape;
  messages: ChannelMessage[];
  codes: NumericCode[];
  limits: Record<string, number>;
  examples: SurfaceExample[];
  /** How the emulator plays a session; absent when the spec gives none. */
  emulator?: ChannelEmulator;
  loc: SourceLocation;
}

export interface Callback {
  name: string;
  titleZh: string;
  summary: string;
  description: string;
  action: string;
  urlParameter: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  /** The charset parameter the service adds to the Content-Type header, as it spells it. */
  charset?: string;
  headers: { name: string; description: string }[];
  /** SHA-256 of AppId + the task's token + the raw body, in a header. */
  checksum?: { header: string; tokenParameter: string };
  body: Shape;
  reply: { description: string; shape: Shape; success?: Record<string, unknown> };
  retry: { attempts: number; description: string };
  codes: NumericCode[];
  examples: SurfaceExample[];
  emulator?: { resource: string; bindings: ValueMap; headers: ValueMap; engine?: Value };
  loc: SourceLocation;
}
