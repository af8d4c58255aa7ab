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
import { fingerprintOf } from '../audio/inspect.js';
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

export interface EndpointCall {
  method: string;
  path: string;
  pathParams: Record<string, string>;
  query: string;
  headers: IncomingHttpHeaders;
  /** Reads the body within its limit and deadline; called once every check that needs no body passed. */
  readBody: () => Promise<BodyRead>;
}

/** The answer, or undefined when the client went away before its body was complete. */
export async function handleEndpoint(endpoint: Endpoint, call: EndpointCall, deps: EndpointDeps): Promise<Record<string, unknown> | undefined> {
  const { model, options } = deps;
  const now = options.now();
  const requestId = randomBytes(12).toString('hex');
  const base = { requestId, appId: options.appId, pathParams: call.pathParams };
  try {
    if (call.method !== endpoint.method) throw new SurfaceError('invalid-parameter', `method ${call.method}; use ${endpoint.method}`);
    if (Object.values(call.pathParams).some((v) => v !== options.appId)) throw new SurfaceError('auth-failed', 'unknown AppId in the path');
    const raw = Object.fromEntries(new URLSearchParams(call.query));
    const sig = endpoint.signature;
    verifyHmac(sig, endpoint.host, { method: call.method, hostHeader: headerValue(call.headers, 'host'), path: call.path, params: raw, signature: sig.header ? headerValue(call.headers, sig.header.toLowerCase()) : raw[sig.parameter ?? ''] }, options, now);
    const params = coerceToShape(model, endpoint.query, raw);
    const validate = deps.validators.surface(`query.${endpoint.name}`);
    if (!validate(params)) throw new SurfaceError('invalid-parameter', describeAjvError(validate.errors![0]!));
    const missing = missingReference(endpoint.query.fields, params, deps.store);
    if (missing) throw new SurfaceError('invalid-parameter', `${missing.field.name}: no ${missing.kind.title} with the id ${missing.value}`);
    const read = await call.readBody();
    if (read.kind === 'gone') return undefined;
    if (read.kind === 'too-large') throw new SurfaceError('audio-too-large', `more than ${endpoint.body.maxBytes} bytes`);
    if (read.kind === 'stalled') throw new SurfaceError('upload-timeout', `${read.received}${read.declared !== undefined ? ` of the ${read.declared}` : ''} bytes arrived, then none for ${deps.model.emulator.wire.http.bodyIdleSeconds} s`);
    const body = read.body;
    if (body.length === 0) throw new SurfaceError('audio-empty');
    let audio: unknown = { fingerprint: fingerprintOf(body), bytes: body.length };
    if (endpoint.body.audio) {
      const all = withDefaults(endpoint.query, params);
      const found = await checkAudio(endpoint.body.audio, 'body', body, all, model.emulator.audio);
      if (isRefusal(found)) throw new AudioStatus(statusByCode(endpoint.codes, found.code, refusalDetail(model, found)));
      audio = await transcribeServed(model, options.recognizer, endpoint.body.audio, all, found, body);
    }
    const vars = { ...base, params, status: statusOf(endpoint.codes, 'success'), audio };
    return runBehaviourOn(endpoint.emulator, endpoint.response, vars, { model, store: deps.store, now });
  } catch (e) {
    const status = e instanceof AudioStatus ? e.status : e instanceof SurfaceError ? statusOf(endpoint.codes, e.role, e.detail) : statusOf(endpoint.codes, 'internal-error');
    if (!(e instanceof SurfaceError) && !(e instanceof AudioStatus)) options.log(`internal error in ${endpoint.name}: ${(e as Error).stack ?? String(e)}`);
    return synthesize(model, endpoint.response, endpoint.emulator.respond, new Scope({ ...base, now, status, params: {} }), undefined);
  }
}

/** A refusal whose code the audio rules name by number. */
class AudioStatus extends Error {
  constructor(readonly status: { code: number; message: string }) {
    super(status.message);
  }
}

