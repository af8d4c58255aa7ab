// What every flash-recognition sample needs: the host, the path with the AppId, the signature's
// parameter names, and the example's own query parameters (the signing ones left out).
import { exampleQuery } from '../../model/signing-parameters.js';
import type { Endpoint } from '../../model/surface-types.js';

export interface FlashCall {
  endpoint: Endpoint;
  host: string;
  /** `/asr/flash/v1/` — the path up to the AppId placeholder. */
  pathPrefix: string;
  secretIdParameter: string;
  timestampParameter: string;
  header: string;
  params: Record<string, string | number>;
  contentType: string;
}

/** Undefined for a surface the templates do not fit: one whose signature is not carried in a header
 * with a secret-id and a timestamp parameter, or whose path does not end in its AppId. */
export function flashCall(e: Endpoint): FlashCall | undefined {
  const sig = e.signature;
  const prefix = /^([^{]*)\{[A-Za-z][A-Za-z0-9_]*\}$/.exec(e.path);
  if (!sig.secretIdParameter || !sig.timestampParameter || !sig.header || !prefix) return undefined;
  return {
    endpoint: e,
    host: e.host,
    pathPrefix: prefix[1]!,
    secretIdParameter: sig.secretIdParameter,
    timestampParameter: sig.timestampParameter,
    header: sig.header,
    params: exampleQuery(e) as Record<string, string | number>,
    contentType: e.body.contentType,
  };
}

/** snake_case → CamelCase, as the speech SDKs name their request fields. */
export const camel = (name: string): string => name.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
