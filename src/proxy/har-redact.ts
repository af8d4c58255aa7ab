// Secrets out of a recording: the Authorization signature, the signatures in URLs and legacy
// parameters, X-TC-Token, and every SecretId masked to its last 4 characters. Parameter and header
// names come from specs/, through the model.
import type { Model } from '../model/types.js';
import { maskSecretId, REMOVED, type Redactor } from './redact.js';

export interface SecretNames {
  /** Parameters whose value is removed (signatures, tokens). */
  remove: Set<string>;
  /** Parameters whose value is a SecretId, masked. */
  mask: Set<string>;
  /** Header names (lower case) whose value is removed. */
  headers: Set<string>;
}

export function secretNames(model: Model): SecretNames {
  const legacy = model.service.signing.legacy.parameters;
  const token = model.service.headers.find((h) => h.role === 'token');
  const sigs = [...model.endpoints.map((e) => e.signature), ...model.channels.map((c) => c.signature)];
  return {
    remove: new Set([legacy.signature, ...(token?.legacy ? [token.legacy] : []), ...sigs.map((s) => s.parameter).filter((p): p is string => !!p)]),
    mask: new Set([legacy.secretId, ...sigs.map((s) => s.secretIdParameter).filter((p): p is string => !!p)]),
    headers: new Set(['cookie', 'set-cookie', 'proxy-authorization', ...(token ? [token.name.toLowerCase()] : []), ...model.endpoints.map((e) => e.signature.header?.toLowerCase()).filter((h): h is string => !!h && h !== 'authorization')]),
  };
}

/** A TC3 Authorization keeps its scope and signed headers, with the SecretId masked and no signature. */
export function redactAuthorization(value: string): string {
  const m = /^(\s*TC3-HMAC-SHA256\s+Credential=)([^/,\s]*)(\/[^,]*,\s*SignedHeaders=[^,]*,\s*Signature=).*$/i.exec(value);
  return m ? `${m[1]}${maskSecretId(m[2]!)}${m[3]}${REMOVED}` : REMOVED;
}

export function redactHeader(name: string, value: string, names: SecretNames, redactor: Redactor): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization') return redactAuthorization(value);
  if (names.headers.has(lower)) return REMOVED;
  return redactor.text(value);
}

/** A query string or form body with secret values removed and SecretIds masked. */
export function redactParams(text: string, names: SecretNames, redactor: Redactor): string {
  if (text === '') return text;
  const params = new URLSearchParams(text);
  let changed = false;
  for (const [k, v] of [...params]) {
    if (names.remove.has(k)) {
      params.set(k, REMOVED);
      changed = true;
    } else if (names.mask.has(k)) {
      params.set(k, maskSecretId(v));
      changed = true;
    }
  }
  return redactor.text(changed ? params.toString() : text);
}

/** Whether a recorded request had its signature removed (by this proxy, or any tool that redacts so). */
export const signatureRemoved = (value: string | undefined): boolean => value !== undefined && value.includes(REMOVED);
