// The API 3.0 pipeline: method and size → request form → routing → authentication → scenario →
// parameters → behaviour. Returns the envelope to send; never throws.
import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import type { Model } from '../../model/types.js';
import type { ModelValidators } from '../../model/validators.js';
import { runBehaviourOn } from '../behaviour/run.js';
import { withDefaults } from '../defaults.js';
import { ApiError, type RuleText } from '../errors.js';
import type { EmulatorOptions } from '../options.js';
import type { Protocol } from '../protocol.js';
import { errorEnvelope, languageOf, successEnvelope, type Language } from '../respond.js';
import { parseScenario, SCENARIO_HEADER, ScenarioError } from '../scenario.js';
import type { Store } from '../state/store.js';
import { checkTimestamp, checkToken, headerValue, verifyTc3, verifyV1, type AuthContext } from './auth.js';
import { checkReferences, inspectAudioParams } from './audio-params.js';
import { coerceToShape, unflatten } from './flat-params.js';
import { validateParams } from './validate.js';

export interface Api3Deps {
  model: Model;
  protocol: Protocol;
  validators: ModelValidators;
  store: Store;
  options: EmulatorOptions;
}

export interface IncomingCall {
  method: string;
  path: string;
  /** Raw query string without `?`. */
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Api3Result {
  body: Record<string, unknown>;
  delayMs: number;
  action?: string;
  code?: string;
}

const mediaType = (headers: IncomingHttpHeaders): string => (headerValue(headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();

export async function handleApi3(call: IncomingCall, deps: Api3Deps): Promise<Api3Result> {
  const { model, protocol, options } = deps;
  let lang: Language = languageOf(headerValue(call.headers, protocol.header('language')));
  let action: string | undefined;
  let delayMs = 0;
  try {
    const now = options.now();
    const ctx: AuthContext = { protocol, options, now };
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

    let params: Record<string, unknown>;
    if (isV1) {
      const values = Object.fromEntries(flat);
      lang = languageOf(values[protocol.legacy('language')] ?? headerValue(call.headers, protocol.header('language')));
      // A form body is the legacy signature's; a client that also sent X-TC-Action meant TC3 with JSON.
      if (formBody && !values[protocol.legacy('action')] && headerValue(call.headers, protocol.header('action'))) {
        throw new ApiError(protocol.code('missing-parameter'), protocol.legacy('action'), undefined, { kind: 'formWithActionHeader', args: {} });
      }
      action = route(values[protocol.legacy('action')], values[protocol.legacy('version')], protocol.legacy('action'), protocol.legacy('version'), deps);
      checkTimestamp(values[protocol.legacy('timestamp')], protocol.legacy('timestamp'), ctx);
      verifyV1({ method: call.method, hostHeader: headerValue(call.headers, 'host'), path: call.path, params: values }, ctx);
      checkToken(values[protocol.legacy('token')], ctx);
      const common = protocol.legacyCommonParams();
      const own = Object.fromEntries(Object.entries(values).filter(([k]) => !common.has(k)));
      params = fromFlat(own, action, deps);
    } else {
      action = route(headerValue(call.headers, protocol.header('action')), headerValue(call.headers, protocol.header('version')), protocol.legacy('action'), protocol.legacy('version'), deps);
      const timestamp = checkTimestamp(headerValue(call.headers, protocol.header('timestamp')), protocol.legacy('timestamp'), ctx);
      verifyTc3({ method: call.method, query: call.query, headers: call.headers, body: call.body, timestamp }, ctx);
      checkToken(headerValue(call.headers, protocol.header('token')), ctx);
      params = call.method === 'GET' ? fromFlat(Object.fromEntries(flat), action, deps) : fromJson(call.body, protocol);
    }

    const scenario = parseScenario(headerValue(call.headers, SCENARIO_HEADER), protocol.errorCodes);
    delayMs = scenario.latencyMs ?? 0;
    if (scenario.error) throw new ApiError(scenario.error);

    const spec = protocol.actions.get(action)!;
    validateParams(spec, params, deps.validators, protocol);
    checkReferences(spec, params, deps.store);
    const audio = await inspectAudioParams(model, spec, params, options.recognizer);
    const fields = runBehaviourOn(spec.emulator, spec.response, { params: withDefaults(spec.request, params), audio }, { model, store: deps.store, now: deps.store.now(), ...(options.stepMs !== undefined ? { stepMs: options.stepMs } : {}) });
    return { body: successEnvelope(model, fields), delayMs, action };
  } catch (e) {
    const error =
      e instanceof ApiError
        ? e
        : e instanceof ScenarioError
          ? new ApiError(protocol.code('invalid-parameter-value'), SCENARIO_HEADER, e.message)
          : internal(e, deps);
    return { body: errorEnvelope(model, error, lang), delayMs, ...(action ? { action } : {}), code: error.code };
  }
}

function internal(e: unknown, deps: Api3Deps): ApiError {
  deps.options.log(`internal error: ${(e as Error).stack ?? String(e)}`);
  return new ApiError(deps.protocol.code('internal-error'));
}

function route(action: string | undefined, version: string | undefined, actionName: string, versionName: string, deps: Api3Deps): string {
  const { protocol, model } = deps;
  if (!action) throw new ApiError(protocol.code('missing-parameter'), actionName);
  if (!protocol.actions.has(action)) throw new ApiError(protocol.code('invalid-action'), action);
  if (!version) throw new ApiError(protocol.code('missing-parameter'), versionName);
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

function fromFlat(flat: Record<string, string>, action: string, deps: Api3Deps): Record<string, unknown> {
  const spec = deps.protocol.actions.get(action)!;
  return coerceToShape(deps.model, spec.request, unflatten(flat, deps.protocol.code('invalid-parameter')));
}
