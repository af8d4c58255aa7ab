// A WebSocket URL seen the way the emulator sees it (src/mock/ws/attach.ts): the AppId, the URL's
// signature and validity window, then the query against the channel's parameters.
import { describeAjvError } from '../model/ajv.js';
import type { Channel } from '../model/surface-types.js';
import { coerceToShape } from '../mock/api3/flat-params.js';
import { statusOf, SurfaceError } from '../mock/surfaces/codes.js';
import { verifyHmac } from '../mock/surfaces/hmac-auth.js';
import type { EmulatorOptions } from '../mock/options.js';
import type { SignatureVerdict } from './api3-inspect.js';
import { lets, probeExplanation, recogniseProbe } from './sign-probes.js';
import type { CheckContext } from './context.js';

export interface ChannelInspection {
  signature: SignatureVerdict;
  params: Record<string, unknown>;
  refusedWith?: { code: number; reason: string };
}

export function inspectChannel(channel: Channel, req: { path: string; pathParams: Record<string, string>; query: string; host: string | undefined }, ctx: CheckContext, opts: { now: number; offline?: boolean; signatureRemoved?: string }): ChannelInspection {
  const sig = channel.signature;
  const raw = Object.fromEntries(new URLSearchParams(req.query));
  const params = coerceToShape(ctx.model, channel.query, raw);
  const claimed = sig.secretIdParameter ? raw[sig.secretIdParameter] : undefined;
  ctx.redactor.addSecretId(claimed);
  const unknownKey = claimed !== undefined && !ctx.accepts.credentials.some((c) => c.secretId === claimed);
  const unchecked = opts.signatureRemoved ?? (opts.offline && unknownKey ? `no key for ${sig.secretIdParameter} ${ctx.redactor.text(claimed!)} here` : undefined);
  let signature: SignatureVerdict = unchecked ? { status: 'unchecked', reason: unchecked } : { status: 'valid' };
  const auth = (options: EmulatorOptions, now: number): void => {
    if (Object.values(req.pathParams).some((v) => v !== options.appId)) throw new SurfaceError('auth-failed', 'unknown AppId in the path');
    verifyHmac(sig, channel.host, { method: 'GET', hostHeader: req.host, path: req.path, params: raw, signature: raw[sig.parameter ?? ''] }, options, now);
  };
  if (!unchecked) {
    try {
      auth(ctx.accepts, opts.now);
    } catch (e) {
      if (!(e instanceof SurfaceError)) throw e;
      const code = String(statusOf(channel.codes, 'auth-failed').code);
      const probe = recogniseProbe(ctx.accepts, opts.now, sig.timestampParameter ? raw[sig.timestampParameter] : undefined, (options, now) => lets(() => auth(options, now), SurfaceError));
      signature = probe ? { status: 'refused', code, explanation: probeExplanation(probe), probe } : { status: 'refused', code, explanation: ctx.redactor.text(e.detail ?? e.message) };
      return { signature, params };
    }
  }
  const validate = ctx.validators.surface(`query.${channel.name}`);
  if (!validate(params)) {
    const s = statusOf(channel.codes, 'invalid-parameter', describeAjvError(validate.errors![0]!));
    return { signature, params, refusedWith: { code: s.code, reason: s.message } };
  }
  return { signature, params };
}
