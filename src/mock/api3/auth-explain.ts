// What the emulator says when it refuses a TC3 signature, and what --lenient-auth logs when it lets
// one through. The short reason needs no key; --debug-auth adds the diagnosis that
// `asr-contract sign --explain` prints, without the signature the emulator expects.
import type { IncomingHttpHeaders } from 'node:http';
import type { Tc3Problem } from '../../signing/tc3-authorization.js';
import { diagnoseTc3, type Tc3Diagnosis } from '../../signing/tc3-diagnose.js';
import { formatTc3Diagnosis } from '../../signing/tc3-explain-text.js';
import { readTc3Authorization } from '../../signing/tc3-authorization.js';
import type { ErrorRole } from '../../model/types.js';
import { ApiError } from '../errors.js';
import type { AuthContext, Tc3Request } from './auth.js';

export interface Refusal {
  req: Tc3Request;
  authorization: string;
  /** Host values a signature may cover: the Host header, then without its port. */
  hosts: string[];
  services: string[];
}

const reasons = (problems: Tc3Problem[]): string => problems.map((p) => p.message).join('; ');

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
}

/** A TC3 refusal that keeps what it refused, so a caller (the contract proxy) can explain it. */
export class AuthRefusal extends ApiError {
  constructor(
    code: string,
    detail: string,
    readonly refusal: Refusal,
    readonly problems: Tc3Problem[],
  ) {
    super(code, undefined, detail);
  }
}

/** Which input of the refused signature differs, as `asr-contract sign --explain` says it. */
export function diagnoseRefusal(r: Refusal, ctx: AuthContext): Tc3Diagnosis {
  const { options, protocol } = ctx;
  const claimed = readTc3Authorization(r.authorization).parts.secretId;
  // A header naming no SecretId is explained with the first accepted pair; one naming an unknown pair, without a key.
  const pair = claimed === undefined ? options.credentials[0] : options.credentials.find((c) => c.secretId === claimed);
  return diagnoseTc3(
    { method: r.req.method, query: r.req.query, headers: flatHeaders(r.req.headers), body: r.req.body, timestamp: r.req.timestamp, authorization: r.authorization },
    {
      secretId: pair?.secretId,
      secretKey: pair?.secretKey,
      services: r.services,
      requiredSignedHeaders: protocol.model.service.signing.requiredSignedHeaders,
      hosts: [...r.hosts].reverse(),
    },
  );
}

function explain(r: Refusal, ctx: AuthContext): string {
  return formatTc3Diagnosis(diagnoseRefusal(r, ctx), { showSignature: false }).join('\n');
}

/** The refusal, with the reason in one line, or with --debug-auth the whole diagnosis. */
export function refuse(code: ErrorRole, problems: Tc3Problem[], r: Refusal, ctx: AuthContext): ApiError {
  const short = problems.length > 0 ? `(${reasons(problems)})` : '(asr-contract mock --debug-auth shows every signing step the emulator expected)';
  return new AuthRefusal(ctx.protocol.code(code), ctx.options.debugAuth ? `--debug-auth: ${problems.length > 0 ? `${reasons(problems)}\n` : ''}${explain(r, ctx)}` : short, r, problems);
}

/** --lenient-auth: accept, and log what the real service would have answered. */
export function letThrough(code: ErrorRole, problems: Tc3Problem[], ctx: AuthContext): void {
  ctx.options.log(`--lenient-auth: accepted a request the service would refuse with ${ctx.protocol.code(code)}: ${reasons(problems)}`);
}
