// One flash-style call through the proxy: the emulator's request checks for the endpoint (signature,
// query, audio), a wrong signature refused in the endpoint's own answer shape, everything else
// forwarded with the URL signature re-made and the answer checked as the collection's flash tests do.
import { randomBytes } from 'node:crypto';
import type { Endpoint } from '../model/surface-types.js';
import { AudioStatus, checkEndpointAuth, checkEndpointRequest, endpointRefusal, type EndpointCall } from '../mock/surfaces/endpoint.js';
import { statusOf, SurfaceError } from '../mock/surfaces/codes.js';
import { checkEndpointAnswer, type Expectation } from '../runner/answer-checks.js';
import { describeFetchError } from '../runner/api3-call.js';
import { fillPath } from '../signing/surface-urls.js';
import { answerText, fromUpstream, headerOf, jsonAnswer, type ClientAnswer } from './client-answer.js';
import type { CheckContext } from './context.js';
import { failed, fromAnswerChecks, passed, type ExchangeCheck } from './exchange.js';
import { forward } from './forward.js';
import type { SignatureVerdict } from './api3-inspect.js';
import { requestCheck, signatureCheck, type ExchangeResult, type ForwardDeps } from './api3-exchange.js';
import { resignEndpoint } from './resign.js';
import { lets, probeExplanation, recogniseProbe } from './sign-probes.js';

export interface EndpointInspection {
  signature: SignatureVerdict;
  expect: Expectation;
}

export async function inspectEndpoint(endpoint: Endpoint, call: EndpointCall, ctx: CheckContext, opts: { now: number; offline?: boolean; signatureRemoved?: string }): Promise<EndpointInspection> {
  const sig = endpoint.signature;
  const claimed = sig.secretIdParameter ? new URLSearchParams(call.query).get(sig.secretIdParameter) ?? undefined : undefined;
  ctx.redactor.addSecretId(claimed);
  const unknownKey = claimed !== undefined && !ctx.accepts.credentials.some((c) => c.secretId === claimed);
  const unchecked = opts.signatureRemoved ?? (opts.offline && unknownKey ? `no key for ${sig.secretIdParameter} ${ctx.redactor.text(claimed!)} here` : undefined);
  // Without the signature (or its key) the other checks still run, as if it held.
  let checked = call;
  let options = ctx.accepts;
  if (unchecked) {
    const query = new URLSearchParams(call.query);
    if (sig.secretIdParameter) query.set(sig.secretIdParameter, ctx.accepts.credentials[0]!.secretId);
    checked = { ...call, query: query.toString() };
    options = { ...ctx.accepts, lenientAuth: true, appId: Object.values(call.pathParams)[0] ?? ctx.accepts.appId };
  }
  try {
    await checkEndpointRequest(endpoint, checked, { model: ctx.model, validators: ctx.validators, options }, opts.now);
  } catch (e) {
    const signature: SignatureVerdict = unchecked ? { status: 'unchecked', reason: unchecked } : { status: 'valid' };
    if (e instanceof SurfaceError && e.role === 'auth-failed' && !unchecked) {
      const code = String(statusOf(endpoint.codes, 'auth-failed').code);
      const sent = sig.timestampParameter ? new URLSearchParams(call.query).get(sig.timestampParameter) ?? undefined : undefined;
      const probe = recogniseProbe(ctx.accepts, opts.now, sent, (options, now) => lets(() => checkEndpointAuth(endpoint, call, options, now), SurfaceError));
      if (probe) return { signature: { status: 'refused', code, explanation: probeExplanation(probe), probe }, expect: {} };
      return { signature: { status: 'refused', code, explanation: ctx.redactor.text(e.detail ?? e.message) }, expect: {} };
    }
    if (e instanceof SurfaceError) {
      const s = statusOf(endpoint.codes, e.role, e.detail);
      return { signature, expect: { refused: { code: s.code, reason: s.message } } };
    }
    if (e instanceof AudioStatus) return { signature, expect: { refused: { code: e.status.code, reason: e.status.message } } };
    throw e;
  }
  return { signature: unchecked ? { status: 'unchecked', reason: unchecked } : { status: 'valid' }, expect: {} };
}

export function endpointChecks(ctx: CheckContext, endpoint: Endpoint, insp: EndpointInspection, answer: Pick<ClientAnswer, 'status' | 'headers' | 'body'>, maxBytes: number): ExchangeCheck[] {
  const checks = [signatureCheck(ctx, insp.signature, () => `/request/headers/${(endpoint.signature.header ?? endpoint.signature.parameter ?? 'signature').toLowerCase()}`)];
  if (insp.signature.status === 'refused') return checks;
  checks.push(requestCheck(insp.expect));
  checks.push(...fromAnswerChecks(checkEndpointAnswer(ctx.model, endpoint, ctx.openapi, { status: answer.status, contentType: headerOf(answer, 'content-type'), text: answerText(answer, maxBytes) }, insp.expect)));
  return checks;
}

export function endpointRequestId(endpoint: Endpoint, text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as Record<string, unknown>)[endpoint.requestIdField];
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

export async function endpointExchange(endpoint: Endpoint, call: EndpointCall, deps: ForwardDeps): Promise<ExchangeResult> {
  const { ctx } = deps;
  const startedMs = deps.now();
  const insp = await inspectEndpoint(endpoint, call, ctx, { now: startedMs });
  const done = (answer: ClientAnswer, checks: ExchangeCheck[]): ExchangeResult => {
    const requestId = endpointRequestId(endpoint, answerText(answer, deps.limits.maxBytes));
    return { exchange: { startedMs, durationMs: deps.now() - startedMs, surface: endpoint.name, ...(requestId ? { requestId } : {}), checks }, request: call, answer, signature: insp.signature };
  };
  if (insp.signature.status === 'refused') {
    const status = statusOf(endpoint.codes, 'auth-failed');
    const answer = jsonAnswer(200, 'OK', endpointRefusal(ctx.model, endpoint, status, { requestId: randomBytes(12).toString('hex'), appId: ctx.accepts.appId, pathParams: call.pathParams }, startedMs));
    return done(answer, endpointChecks(ctx, endpoint, insp, answer, deps.limits.maxBytes));
  }
  const upstream = deps.upstreams.flash;
  if (!upstream) {
    const answer = jsonAnswer(502, 'Bad Gateway', { error: `asr-contract proxy: no upstream for ${endpoint.name}: ${deps.upstreams.leftOut.flash ?? 'none named'}` });
    return done(answer, [signatureCheck(ctx, insp.signature, () => ''), failed('the upstream answered', [{ pointer: '', rule: `no upstream for ${endpoint.name} [upstream]` }])]);
  }
  try {
    const path = fillPath(endpoint.path, deps.creds.appId ?? Object.values(call.pathParams)[0] ?? '');
    const answer = fromUpstream(await forward(upstream, resignEndpoint(endpoint, call, path, deps.creds, upstream), deps.allowed, deps.limits));
    return done(answer, endpointChecks(ctx, endpoint, insp, answer, deps.limits.maxBytes));
  } catch (e) {
    const why = describeFetchError(e);
    const answer = jsonAnswer(502, 'Bad Gateway', { error: `asr-contract proxy: the upstream ${upstream.origin} did not answer: ${why}` });
    return done(answer, [passed('the request was forwarded'), failed('the upstream answered', [{ pointer: '', rule: `${upstream.origin}: ${why} [upstream]` }])]);
  }
}
