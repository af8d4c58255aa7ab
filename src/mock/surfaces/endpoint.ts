// A non-API-3.0 HTTP endpoint (flash recognition): signature, query and audio checks answered in
// the endpoint's own numeric codes, then the spec's behaviour. The answer is built from the
// endpoint's response shape in both cases, so errors have the documented fields too. Everything the
// URL and headers decide (the signature covers the URL, not the body) is checked before a byte of
// the body is read, so a refused upload costs neither memory nor waiting for it.
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
import type { BodyRead } from '../http-io.js';
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

/** What a request says before its body: everything the signature covers, and the headers. */
export interface EndpointHead {
  method: string;
  path: string;
  pathParams: Record<string, string>;
  query: string;
  headers: IncomingHttpHeaders;
}

/** A request whose body was read already (the contract proxy keeps it to forward). */
export interface EndpointCall extends EndpointHead {
  body: Buffer;
  tooLarge: boolean;
}

/** A request whose body the emulator reads only once everything else passed. */
export interface StreamedEndpointCall extends EndpointHead {
  /** Reads the body within its limit and deadline. */
  readBody: () => Promise<BodyRead>;
}

export interface EndpointRequest {
  params: Record<string, unknown>;
  /** The parameters with the spec's defaults filled in. */
  all: Record<string, unknown>;
  /** What the audio is, when the endpoint's body has audio rules. */
  audio?: AudioFacts;
}

type CheckDeps = Omit<EndpointDeps, 'store'> & { store?: Store };

/**
 * The checks the URL and headers decide, in the order the emulator answers them: method, AppId,
 * signature, query, and the ids the query names (only against a store: the emulator's; the contract
 * proxy has none). Throws a SurfaceError.
 */
export function checkEndpointHead(endpoint: Endpoint, head: EndpointHead, deps: CheckDeps, now: number): Record<string, unknown> {
  const { model, options } = deps;
  if (head.method !== endpoint.method) throw new SurfaceError('invalid-parameter', `method ${head.method}; use ${endpoint.method}`);
  checkEndpointAuth(endpoint, head, options, now);
  const raw = Object.fromEntries(new URLSearchParams(head.query));
  const params = coerceToShape(model, endpoint.query, raw);
  const validate = deps.validators.surface(`query.${endpoint.name}`);
  if (!validate(params)) throw new SurfaceError('invalid-parameter', describeAjvError(validate.errors![0]!));
  const missing = deps.store && missingReference(endpoint.query.fields, params, deps.store);
  if (missing) throw new SurfaceError('invalid-parameter', `${missing.field.name}: no ${missing.kind.title} with the id ${missing.value}`);
  return params;
}

/** The checks of the body itself: not empty, and audio that fits the query. Throws a SurfaceError or an AudioStatus. */
export async function checkEndpointBody(endpoint: Endpoint, params: Record<string, unknown>, body: Buffer, deps: CheckDeps): Promise<EndpointRequest> {
  const { model } = deps;
  if (body.length === 0) throw new SurfaceError('audio-empty');
  const all = withDefaults(endpoint.query, params);
  if (!endpoint.body.audio) return { params, all };
  const found = await checkAudio(endpoint.body.audio, 'body', body, all, model.emulator.audio);
  if (isRefusal(found)) throw new AudioStatus(statusByCode(endpoint.codes, found.code, refusalDetail(model, found)));
  return { params, all, audio: found };
}

/** The AppId in the path and the signature, checked with these key pairs at this instant (ms). Throws a SurfaceError. */
export function checkEndpointAuth(endpoint: Endpoint, head: EndpointHead, options: EmulatorOptions, now: number): void {
  if (Object.values(head.pathParams).some((v) => v !== options.appId)) throw new SurfaceError('auth-failed', 'unknown AppId in the path');
  const raw = Object.fromEntries(new URLSearchParams(head.query));
  const sig = endpoint.signature;
  verifyHmac(sig, endpoint.host, { method: head.method, hostHeader: headerValue(head.headers, 'host'), path: head.path, params: raw, signature: sig.header ? headerValue(head.headers, sig.header.toLowerCase()) : raw[sig.parameter ?? ''] }, options, now);
}

/** Every check of a request whose body is at hand, in the emulator's order. */
export async function checkEndpointRequest(endpoint: Endpoint, call: EndpointCall, deps: CheckDeps, now: number): Promise<EndpointRequest> {
  const params = checkEndpointHead(endpoint, call, deps, now);
  if (call.tooLarge) throw new SurfaceError('audio-too-large', `more than ${endpoint.body.maxBytes} bytes`);
  return checkEndpointBody(endpoint, params, call.body, deps);
}

/** The answer, or undefined when the client went away before its body was complete. */
export async function handleEndpoint(endpoint: Endpoint, call: StreamedEndpointCall, deps: EndpointDeps): Promise<Record<string, unknown> | undefined> {
  const { model, options } = deps;
  const now = options.now();
  const requestId = randomBytes(12).toString('hex');
  const base = { requestId, appId: options.appId, pathParams: call.pathParams };
  try {
    // The signature covers the URL, not the body: a request refused here never has its body read.
    const params = checkEndpointHead(endpoint, call, deps, now);
    const read = await call.readBody();
    if (read.kind === 'gone') return undefined;
    if (read.kind === 'too-large') throw new SurfaceError('audio-too-large', `more than ${endpoint.body.maxBytes} bytes`);
    if (read.kind === 'stalled') throw new SurfaceError('upload-timeout', `${read.received}${read.declared !== undefined ? ` of the ${read.declared}` : ''} bytes arrived, then none for ${model.emulator.wire.http.bodyIdleSeconds} s`);
    const checked = await checkEndpointBody(endpoint, params, read.body, deps);
    let audio: unknown = { fingerprint: fingerprintOf(read.body), bytes: read.body.length };
    if (endpoint.body.audio && checked.audio) audio = await transcribeServed(model, options.recognizer, endpoint.body.audio, checked.all, checked.audio, read.body);
    const vars = { ...base, params, status: statusOf(endpoint.codes, 'success'), audio };
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
