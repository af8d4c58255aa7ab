// The query parameters a surface's HMAC signature fills in itself (secretid, timestamp, expired,
// nonce, signature): a caller's own parameters are the rest.
import type { Endpoint, HmacSignature } from './surface-types.js';

export function signingParameters(sig: HmacSignature): Set<string> {
  return new Set([sig.secretIdParameter, sig.timestampParameter, sig.expiredParameter, sig.nonceParameter, sig.parameter].filter((p): p is string => Boolean(p)));
}

/** The first example's query without the signing parameters: what a client chooses to send. */
export function exampleQuery(e: Endpoint): Record<string, unknown> {
  const signing = signingParameters(e.signature);
  return Object.fromEntries(Object.entries(e.examples[0]?.query ?? {}).filter(([k]) => !signing.has(k)));
}
