// An API 3.0 request seen through the emulator's own stages (src/mock/api3/stages.ts): whether its
// signature holds for a key pair the proxy accepts, and what the contract says of it: accepted, or
// refused with the code the emulator would answer. Used live by the proxy and offline by verify.
import { ApiError } from '../mock/errors.js';
import { AuthRefusal, diagnoseRefusal } from '../mock/api3/auth-explain.js';
import type { AuthContext } from '../mock/api3/auth.js';
import { checkAudioParams } from '../mock/api3/audio-params.js';
import { authenticate, claimedSecretId, namedAction, paramsOf, readForm, routeOf, type CallForm, type IncomingCall } from '../mock/api3/stages.js';
import { validateParams } from '../mock/api3/validate.js';
import { errorMessage, languageOf, type Language } from '../mock/respond.js';
import { formatTc3Diagnosis } from '../signing/tc3-explain-text.js';
import type { Expectation } from '../runner/answer-checks.js';
import type { CheckContext } from './context.js';
import { headerValue } from '../mock/api3/auth.js';
import type { SignTweak } from '../model/cases.js';
import { lets, probeExplanation, recogniseProbe } from './sign-probes.js';

export type SignatureVerdict =
  | { status: 'valid' }
  /**
   * The code the service answers, one line on which input differs, and the whole diagnosis when there
   * is one; or, with `probe`, which of the contract suite's own signing probes it is (an expected refusal).
   */
  | { status: 'refused'; code: string; explanation: string; diagnosis?: string; probe?: SignTweak }
  | { status: 'unchecked'; reason: string };

export interface Api3Inspection {
  /** Absent when the request's form is itself refused (method, Content-Type, size). */
  form?: CallForm;
  action?: string;
  signature: SignatureVerdict;
  expect: Expectation;
  lang: Language;
}

export interface InspectOptions {
  /** The time the request was sent (the proxy's clock, or a HAR entry's start). */
  now: number;
  /** Offline: a SecretId without a key here leaves the signature unchecked instead of refused. */
  offline?: boolean;
  /** The recording removed the signature: it cannot be checked again. */
  signatureRemoved?: string;
}

const refusal = (ctx: CheckContext, e: ApiError): Expectation => ({ refused: { code: e.code, reason: errorMessage(ctx.model, e, 'en-US').split('\n')[0]! } });

export async function inspectApi3(call: IncomingCall, ctx: CheckContext, opts: InspectOptions): Promise<Api3Inspection> {
  const { protocol } = ctx;
  let form: CallForm | undefined;
  let expect: Expectation = {};
  try {
    form = readForm(call, ctx);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    expect = refusal(ctx, e);
  }
  // A form the service refuses is still authenticated, as a TC3 call, before anything is forwarded.
  const used = form ?? { legacy: false, formBody: false, values: Object.fromEntries(new URLSearchParams(call.query)), lang: languageOf(headerValue(call.headers, protocol.header('language'))) };
  const action = namedAction(used, call, protocol);
  const signature = opts.signatureRemoved ? { status: 'unchecked' as const, reason: opts.signatureRemoved } : checkSignature(used, call, ctx, opts);
  if (signature.status !== 'refused' && !expect.refused) {
    try {
      const routed = routeOf(used, call, ctx);
      const params = paramsOf(used, call, routed, ctx);
      const spec = protocol.actions.get(routed)!;
      validateParams(spec, params, ctx.validators, protocol);
      await checkAudioParams(ctx.model, spec, params);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      expect = refusal(ctx, e);
    }
  }
  return { ...(form ? { form } : {}), ...(action ? { action } : {}), signature, expect, lang: used.lang };
}

function checkSignature(form: CallForm, call: IncomingCall, ctx: CheckContext, opts: InspectOptions): SignatureVerdict {
  const claimed = claimedSecretId(form, call, ctx);
  ctx.redactor.addSecretId(claimed);
  if (opts.offline && claimed !== undefined && !ctx.accepts.credentials.some((c) => c.secretId === claimed)) {
    return { status: 'unchecked', reason: `no key for SecretId ${ctx.redactor.text(claimed)} here (set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to check it)` };
  }
  const token = ctx.tokenFor && claimed === ctx.tokenFor.secretId ? ctx.tokenFor.token : undefined;
  const auth: AuthContext = { protocol: ctx.protocol, options: { ...ctx.accepts, ...(token ? { token } : {}) }, now: opts.now };
  try {
    authenticate(form, call, auth);
    return { status: 'valid' };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const sent = form.legacy ? form.values[ctx.protocol.legacy('timestamp')] : headerValue(call.headers, ctx.protocol.header('timestamp'));
    const probe = recogniseProbe(auth.options, opts.now, sent, (options, now) => lets(() => authenticate(form, call, { ...auth, options, now }), ApiError));
    if (probe) return { status: 'refused', code: e.code, explanation: probeExplanation(probe), probe };
    if (e instanceof AuthRefusal) {
      const d = diagnoseRefusal(e.refusal, auth);
      const differs = d.rows.filter((r) => r.verdict === 'differs').map((r) => `${r.part}: ${r.note}`);
      return {
        status: 'refused',
        code: e.code,
        explanation: ctx.redactor.text([...differs, d.conclusion].join('; ')),
        diagnosis: ctx.redactor.text(formatTc3Diagnosis(d, { showSignature: false }).join('\n')),
      };
    }
    return { status: 'refused', code: e.code, explanation: ctx.redactor.text(errorMessage(ctx.model, e, 'en-US').replace('\n', ' ')) };
  }
}
