// A non-API-3.0 HTTP endpoint (flash recognition): signature, query and audio checks answered in
// the endpoint's own numeric codes, then the spec's behaviour. The answer is built from the
// endpoint's response shape in both cases, so errors have the documented fields too.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { describeAjvError } from '../../model/ajv.js';
import type { Endpoint } from '../../model/surface-types.js';
import type { Model } from '../../model/types.js';
import type { ModelValidators } from '../../model/validators.js';
import { coerceToShape } from '../api3/flat-params.js';
import { headerValue } from '../api3/auth.js';
import { checkAudio, isRefusal } from '../audio/check.js';
import { fingerprintOf, type AudioFacts } from '../audio/inspect.js';
import { refusalDetail } from '../audio/refusal-text.js';
import { missingReference } from '../state/references.js';
import { withDefaults } from '../defaults.js';
import { transcribeServed } from '../recognizer/serve.js';
import { runBehaviourOn } from '../behaviour/run.js';
import { synthesize } from '../behaviour/synthesize.js';
import { Scope } from '../../model/expr-eval.js';
import type { EmulatorOptions } from '../options.js';
import type { Store } from '../state/store.js';
import { statusByCode, statusOf, SurfaceError } from './codes.js';
import { verifyHmac } from './hmac-auth.js';

export interface EndpointDeps {
  model: Model;
  validators: ModelValidators;
  store: Store;
  options: EmulatorOptions;
}

export interface EndpointCall {
  method: string;
  path: string;
  pathParams: Record<string, string>;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  tooLarge: boolean;
}

export interface EndpointRequest {
  params: Record<string, unknown>;
  /** The parameters with the spec's defaults filled in. */
  all: Record<string, unknown>;
  /** What the audio is, when the endpoint's body has audio rules. */
  audio?: AudioFacts;
}

/**
 * The endpoint's request checks, in the order the emulator answers them: size, method, AppId,
 * signature, query, audio. Throws a SurfaceError or an AudioStatus. References are checked only
 * against a store (the emulator's; the contract proxy has none).
 */
export async function checkEndpointRequest(endpoint: Endpoint, call: EndpointCall, deps: Omit<EndpointDeps, 'store'> & { store?: Store }, now: number): Promise<EndpointRequest> {
  const { model, options } = deps;
  if (call.tooLarge) throw new SurfaceError('audio-too-large', `more than ${endpoint.body.maxBytes} bytes`);
  if (call.method !== endpoint.method) throw new SurfaceError('invalid-parameter', `method ${call.method}; use ${endpoint.method}`);
  checkEndpointAuth(endpoint, call, options, now);
  const raw = Object.fromEntries(new URLSearchParams(call.query));
  const params = coerceToShape(model, endpoint.query, raw);
  const validate = deps.validators.surface(`query.${endpoint.name}`);
  if (!validate(params)) throw new SurfaceError('invalid-parameter', describeAjvError(validate.errors![0]!));
  if (call.body.length === 0) throw new SurfaceError('audio-empty');
  const missing = deps.store && missingReference(endpoint.query.fields, params, deps.store);
  if (missing) throw new SurfaceError('invalid-parameter', `${missing.field.name}: no ${missing.kind.title} with the id ${missing.value}`);
  const all = withDefaults(endpoint.query, params);
  if (!endpoint.body.audio) return { params, all };
  const found = await checkAudio(endpoint.body.audio, 'body', call.body, all, model.emulator.audio);
  if (isRefusal(found)) throw new AudioStatus(statusByCode(endpoint.codes, found.code, refusalDetail(model, found)));
  return { params, all, audio: found };
}

/** The AppId in the path and the signature, checked with these key pairs at this instant (ms). Throws a SurfaceError. */
export function checkEndpointAuth(endpoint: Endpoint, call: EndpointCall, options: EmulatorOptions, now: number): void {
  if (Object.values(call.pathParams).some((v) => v !== options.appId)) throw new SurfaceError('auth-failed', 'unknown AppId in the path');
  const raw = Object.fromEntries(new URLSearchParams(call.query));
  const sig = endpoint.signature;
  verifyHmac(sig, endpoint.host, { method: call.method, hostHeader: headerValue(call.headers, 'host'), path: call.path, params: raw, signature: sig.header ? headerValue(call.headers, sig.header.toLowerCase()) : raw[sig.parameter ?? ''] }, options, now);
}

export async function handleEndpoint(endpoint: Endpoint, call: EndpointCall, deps: EndpointDeps): Promise<Record<string, unknown>> {
  const { model, options } = deps;
  const now = options.now();
  const requestId = randomBytes(12).toString('hex');
  const base = { requestId, appId: options.appId, pathParams: call.pathParams };
  try {
    const checked = await checkEndpointRequest(endpoint, call, deps, now);
    let audio: unknown = { fingerprint: fingerprintOf(call.body), bytes: call.body.length };
    if (endpoint.body.audio && checked.audio) audio = await transcribeServed(model, options.recognizer, endpoint.body.audio, checked.all, checked.audio, call.body);
    const vars = { ...base, params: checked.params, status: statusOf(endpoint.codes, 'success'), audio };
    return runBehaviourOn(endpoint.emulator, endpoint.response, vars, { model, store: deps.store, now: deps.store.now() });
  } catch (e) {
    const status = e instanceof AudioStatus ? e.status : e instanceof SurfaceError ? statusOf(endpoint.codes, e.role, e.detail) : statusOf(endpoint.codes, 'internal-error');
    if (!(e instanceof SurfaceError) && !(e instanceof AudioStatus)) options.log(`internal error in ${endpoint.name}: ${(e as Error).stack ?? String(e)}`);
    return endpointRefusal(model, endpoint, status, base, now);
  }
}

/** The endpoint's answer to a refused request, in its own response shape. */
export function endpointRefusal(model: Model, endpoint: Endpoint, status: { code: number; message: string }, base: { requestId: string; appId: string; pathParams: Record<string, string> }, now: number): Record<string, unknown> {
  return synthesize(model, endpoint.response, endpoint.emulator.respond, new Scope({ ...base, now, status, params: {} }), undefined);
}

/** A refusal whose code the audio rules name by number. */
export class AudioStatus extends Error {
  constructor(readonly status: { code: number; message: string }) {
    super(status.message);
  }
}

