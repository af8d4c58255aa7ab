// One API 3.0 call through the proxy: inspect the request with the emulator's stages; refuse a
// wrong signature itself, as the service would, without forwarding anything; otherwise forward the
// exact body re-signed, check the answer as the contract tests do, and hand it back unchanged.
import { ApiError } from '../mock/errors.js';
import type { IncomingCall } from '../mock/api3/stages.js';
import { errorEnvelope } from '../mock/respond.js';
import { errorCode } from '../model/roles.js';
import { checkApi3Answer } from '../runner/answer-checks.js';
import { describeFetchError } from '../runner/api3-call.js';
import { answerText, fromUpstream, headerOf, jsonAnswer, type ClientAnswer } from './client-answer.js';
import type { CheckContext } from './context.js';
import { failed, fromAnswerChecks, passed, skipped, type Exchange, type ExchangeCheck } from './exchange.js';
import { forward, type ForwardLimits } from './forward.js';
import { inspectApi3, type Api3Inspection, type SignatureVerdict } from './api3-inspect.js';
import { resignApi3, type ProxyCredentials } from './resign.js';

export interface Upstreams {
  api3: URL;
  flash?: URL;
  ws?: URL;
  /** Why a surface has no upstream, when it has none. */
  leftOut: { flash?: string; ws?: string };
}

export interface ForwardDeps {
  ctx: CheckContext;
  creds: ProxyCredentials;
  upstreams: Upstreams;
  /** Hosts (with port) the proxy may connect to: the named upstreams, nothing else. */
  allowed: ReadonlySet<string>;
  limits: ForwardLimits;
  now: () => number;
}

/** An exchange with everything a recording needs. */
export interface ExchangeResult {
  exchange: Exchange;
  request: IncomingCall;
  answer: ClientAnswer;
  signature: SignatureVerdict;
}

/** Where a signing refusal points: the timestamp, the token, or the signature itself. */
export function signaturePointer(ctx: CheckContext, code: string, legacy: boolean): string {
  const m = ctx.model;
  const header = (role: 'timestamp' | 'token'): string => `/request/headers/${m.service.headers.find((h) => h.role === role)?.name.toLowerCase() ?? role}`;
  if (code === errorCode(m, 'signature-expire')) return header('timestamp');
  if (code === errorCode(m, 'token-failure')) return header('token');
  return legacy ? `/request/params/${m.service.signing.legacy.parameters.signature}` : '/request/headers/authorization';
}

export const SIGNATURE_CHECK = "the client's signature is valid";
/** The check an exchange gets instead when its bad signature is one of the contract suite's own probes. */
export const PROBE_CHECK = "the contract suite's signing probe is refused as the service refuses it";

export function signatureCheck(ctx: CheckContext, v: SignatureVerdict, pointer: (code: string) => string): ExchangeCheck {
  if (v.status === 'valid') return passed(SIGNATURE_CHECK);
  if (v.status === 'unchecked') return skipped(SIGNATURE_CHECK, v.reason);
  // An expected refusal, not a violation: answered (by the proxy, live) with the code the service gives.
  if (v.probe) return passed(PROBE_CHECK, `${v.code}: ${v.explanation}`);
  return failed(SIGNATURE_CHECK, [{ pointer: pointer(v.code), rule: `${v.code}: ${v.explanation} [signature]` }], v.diagnosis);
}

export function requestCheck(expect: Api3Inspection['expect']): ExchangeCheck {
  return expect.refused ? passed(`the contract refuses the request with ${expect.refused.code}`, expect.refused.reason) : passed('the request follows the contract');
}

export function requestIdOf(ctx: CheckContext, text: string): string | undefined {
  const env = ctx.model.service.envelope;
  try {
    const id = (JSON.parse(text) as Record<string, Record<string, unknown>>)[env.response]?.[env.requestId];
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The checks of an exchange whose request was inspected and whose answer is known. */
export function api3Checks(ctx: CheckContext, insp: Api3Inspection, answer: Pick<ClientAnswer, 'status' | 'headers' | 'body' | 'from'>, maxBytes: number): ExchangeCheck[] {
  const checks = [signatureCheck(ctx, insp.signature, (code) => signaturePointer(ctx, code, insp.form?.legacy === true))];
  if (insp.signature.status === 'refused') return checks;
  checks.push(requestCheck(insp.expect));
  const text = answerText(answer, maxBytes);
  checks.push(...fromAnswerChecks(checkApi3Answer(ctx.model, ctx.openapi, insp.action, { status: answer.status, contentType: headerOf(answer, 'content-type'), text }, insp.expect)));
  return checks;
}

export async function api3Exchange(call: IncomingCall, deps: ForwardDeps): Promise<ExchangeResult> {
  const { ctx } = deps;
  const startedMs = deps.now();
  const insp = await inspectApi3(call, ctx, { now: startedMs });
  const done = (answer: ClientAnswer, checks: ExchangeCheck[], requestId?: string): ExchangeResult => ({
    exchange: { startedMs, durationMs: deps.now() - startedMs, surface: 'API 3.0', ...(insp.action ? { action: insp.action } : {}), ...(requestId ? { requestId } : {}), checks },
    request: call,
    answer,
    signature: insp.signature,
  });

  if (insp.signature.status === 'refused') {
    // What the service answers a wrong signature: its code's own message, nothing about the key.
    const envelope = errorEnvelope(ctx.model, new ApiError(insp.signature.code), insp.lang);
    const answer = jsonAnswer(200, 'OK', envelope);
    return done(answer, api3Checks(ctx, insp, answer, deps.limits.maxBytes), requestIdOf(ctx, answer.body.toString('utf8')));
  }
  const form = insp.form ?? { legacy: false, formBody: false, values: {}, lang: insp.lang };
  try {
    const up = await forward(deps.upstreams.api3, resignApi3(ctx.model, call, form, deps.creds, deps.upstreams.api3), deps.allowed, deps.limits);
    const answer = fromUpstream(up);
    return done(answer, api3Checks(ctx, insp, answer, deps.limits.maxBytes), requestIdOf(ctx, answerText(answer, deps.limits.maxBytes)));
  } catch (e) {
    const why = describeFetchError(e);
    const answer = jsonAnswer(502, 'Bad Gateway', { error: `asr-contract proxy: the upstream ${deps.upstreams.api3.origin} did not answer: ${why}` });
    return done(answer, [signatureCheck(ctx, insp.signature, () => ''), failed('the upstream answered', [{ pointer: '', rule: `${deps.upstreams.api3.origin}: ${why} [upstream]` }])]);
  }
}
