// The API 3.0 pipeline's stages, one function each, so that the emulator (handle.ts) and the
// contract proxy (src/proxy/) run the very same checks: the request's form, its route, its
// signature, and its parameters. Each refusal is an ApiError in the service's codes.
import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import type { Model } from '../../model/types.js';
import type { ModelValidators } from '../../model/validators.js';
import { readTc3Authorization } from '../../signing/tc3-authorization.js';
import { ApiError, type RuleText } from '../errors.js';
import type { Protocol } from '../protocol.js';
import { languageOf, type Language } from '../respond.js';
import { checkTimestamp, checkToken, headerValue, verifyTc3, verifyV1, type AuthContext } from './auth.js';
import { coerceToShape, unflatten } from './flat-params.js';

export interface StageDeps {
  model: Model;
  protocol: Protocol;
  validators: ModelValidators;
}

export interface IncomingCall {
  method: string;
  path: string;
  /** Raw query string without `?`. */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** How a call carries its parameters and its signature. */
export interface CallForm {
  /** The legacy HmacSHA1/HmacSHA256 signature in the parameters (a form body, or a signed GET query). */
  legacy: boolean;
  /** A POST with a form body. */
  formBody: boolean;
  /** Flat parameters: the legacy call's, or a GET's query. */
  values: Record<string, string>;
  lang: Language;
}

const mediaType = (headers: IncomingHttpHeaders): string => (headerValue(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** Method, size and Content-Type; which form the call takes. */
export function readForm(call: IncomingCall, deps: StageDeps): CallForm {
  const { model, protocol } = deps;
  const limits = model.service.limits;
  if (call.method !== 'GET' && call.method !== 'POST') throw new ApiError(protocol.code('unsupported-protocol'));
  if (call.method === 'GET' && call.query.length > limits.maxGetBytes) throw new ApiError(protocol.code('request-size'));
  if (call.body.length > limits.maxPostBytes) throw new ApiError(protocol.code('request-size'));
  const legacy = model.service.signing.legacy.parameters;
  const type = mediaType(call.headers);
  const formBody = call.method === 'POST' && type === 'application/x-www-form-urlencoded';
  const flat = formBody ? new URLSearchParams(call.body.toString('utf8')) : new URLSearchParams(call.query);
  const isV1 = formBody || (call.method === 'GET' && flat.has(legacy.signature) && !headerValue(call.headers, 'authorization'));
  if (call.method === 'POST' && !formBody && type !== 'application/json') {
    throw new ApiError(protocol.code('invalid-parameter'), 'Content-Type', undefined, { kind: 'contentType', args: { found: type || '(none)' } });
  }
  const values = Object.fromEntries(flat);
  const lang = languageOf((isV1 ? values[protocol.legacy('language')] : undefined) ?? headerValue(call.headers, protocol.header('language')));
  return { legacy: isV1, formBody, values, lang };
}

/** The action the call names, which must exist in the version the call names. */
export function routeOf(form: CallForm, call: IncomingCall, deps: StageDeps): string {
  const { protocol } = deps;
  if (form.legacy) {
    // A form body is the legacy signature's; a client that also sent X-TC-Action meant TC3 with JSON.
    if (form.formBody && !form.values[protocol.legacy('action')] && headerValue(call.headers, protocol.header('action'))) {
      throw new ApiError(protocol.code('missing-parameter'), protocol.legacy('action'), undefined, { kind: 'formWithActionHeader', args: {} });
    }
    return route(form.values[protocol.legacy('action')], form.values[protocol.legacy('version')], deps);
  }
  return route(headerValue(call.headers, protocol.header('action')), headerValue(call.headers, protocol.header('version')), deps);
}

/** The action the call names, whether or not it exists. */
export function namedAction(form: CallForm, call: IncomingCall, protocol: Protocol): string | undefined {
  return form.legacy ? form.values[protocol.legacy('action')] : headerValue(call.headers, protocol.header('action'));
}

/** The SecretId the call claims to be signed with. */
export function claimedSecretId(form: CallForm, call: IncomingCall, deps: StageDeps): string | undefined {
  if (form.legacy) return form.values[deps.model.service.signing.legacy.parameters.secretId];
  const raw = headerValue(call.headers, 'authorization');
  return raw === undefined ? undefined : readTc3Authorization(raw).parts.secretId;
}

/** The timestamp, the signature and the token. */
export function authenticate(form: CallForm, call: IncomingCall, ctx: AuthContext): void {
  const { protocol } = ctx;
  if (form.legacy) {
    checkTimestamp(form.values[protocol.legacy('timestamp')], protocol.legacy('timestamp'), ctx);
    verifyV1({ method: call.method, hostHeader: headerValue(call.headers, 'host'), path: call.path, params: form.values }, ctx);
    checkToken(form.values[protocol.legacy('token')], ctx);
    return;
  }
  const timestamp = checkTimestamp(headerValue(call.headers, protocol.header('timestamp')), protocol.legacy('timestamp'), ctx);
  verifyTc3({ method: call.method, query: call.query, headers: call.headers, body: call.body, timestamp }, ctx);
  checkToken(headerValue(call.headers, protocol.header('token')), ctx);
}

/** The action's own parameters, in the JSON shape whatever form carried them. */
export function paramsOf(form: CallForm, call: IncomingCall, action: string, deps: StageDeps): Record<string, unknown> {
  const { protocol } = deps;
  if (form.legacy) {
    const common = protocol.legacyCommonParams();
    return fromFlat(Object.fromEntries(Object.entries(form.values).filter(([k]) => !common.has(k))), action, deps);
  }
  return call.method === 'GET' ? fromFlat(form.values, action, deps) : fromJson(call.body, protocol);
}

function route(action: string | undefined, version: string | undefined, deps: StageDeps): string {
  const { protocol, model } = deps;
  if (!action) throw new ApiError(protocol.code('missing-parameter'), protocol.legacy('action'));
  if (!protocol.actions.has(action)) throw new ApiError(protocol.code('invalid-action'), action);
  if (!version) throw new ApiError(protocol.code('missing-parameter'), protocol.legacy('version'));
  if (version !== model.service.version) throw new ApiError(protocol.code('no-such-version'), version);
  return action;
}

function fromJson(body: Buffer, protocol: Protocol): Record<string, unknown> {
  const invalid = (rule: RuleText): ApiError => new ApiError(protocol.code('invalid-parameter'), 'request body', undefined, rule);
  if (body.length === 0) return {};
  if (!isUtf8(body)) throw invalid({ kind: 'notUtf8', args: {} });
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw invalid({ kind: 'jsonSyntax', args: stoppedAt(text, (e as Error).message) });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalid({ kind: 'notObject', args: { found: parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed } });
  }
  return parsed as Record<string, unknown>;
}

/** Where JSON.parse gave up: V8 names the character position, or none at the end of the input. */
export function stoppedAt(text: string, message: string): { line: number; column: number; position: number } {
  const m = /position (\d+)/.exec(message);
  const position = m ? Number(m[1]) : text.length;
  const before = text.slice(0, position).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1, position };
}

function fromFlat(flat: Record<string, string>, action: string, deps: StageDeps): Record<string, unknown> {
  const spec = deps.protocol.actions.get(action)!;
  return coerceToShape(deps.model, spec.request, unflatten(flat, deps.protocol.code('invalid-parameter')));
}
