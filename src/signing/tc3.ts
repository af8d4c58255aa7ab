// TC3-HMAC-SHA256, the API 3.0 request signature. Pure: the timestamp is an argument, so the
// emulator, the tests and the known-answer vectors all run the same code.
import { createHmac, hash } from 'node:crypto';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Input {
  method: string;
  /** The URL path; API 3.0 always uses `/`. */
  path?: string;
  /** Already-canonical query string (empty for POST). */
  query?: string;
  /** Signed headers as sent; names are lower-cased and sorted here. */
  headers: Record<string, string>;
  /** Exactly the bytes sent. */
  body: string | Uint8Array;
  timestamp: number;
  service: string;
  secretId: string;
  secretKey: string;
  /** Keep header values' case (the official SDKs do); the documentation lower-cases them. */
  preserveValueCase?: boolean;
}

export interface Tc3Signature {
  canonicalRequest: string;
  stringToSign: string;
  credentialScope: string;
  signedHeaders: string;
  signature: string;
  authorization: string;
}

export function sha256Hex(data: string | Uint8Array): string {
  // The one-shot hash (Node 20.12+) skips the Hash object: the emulator hashes every body with it.
  return hash('sha256', data, 'hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** UTC date of a Unix timestamp, `YYYY-MM-DD`. */
export function tc3Date(timestamp: number): string {
  // Every verified request asks, with the same few timestamps; a Date and its ISO text each time showed in profiles.
  const day = Math.floor(timestamp / 86_400);
  if (day !== lastDay.day) lastDay = { day, text: new Date(day * 86_400_000).toISOString().slice(0, 10) };
  return lastDay.text;
}
let lastDay = { day: Number.NaN, text: '' };

export function canonicalHeaders(headers: Record<string, string>, preserveValueCase = false): { canonical: string; signed: string } {
  const entries = Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), preserveValueCase ? v.trim() : v.trim().toLowerCase()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    canonical: entries.map(([k, v]) => `${k}:${v}\n`).join(''),
    signed: entries.map(([k]) => k).join(';'),
  };
}

/** The three keys of the HMAC chain: over the date, then the service, then `tc3_request`. */
export function tc3DerivedKeys(secretKey: string, date: string, service: string): { date: Buffer; service: Buffer; signing: Buffer } {
  const kDate = hmac(`TC3${secretKey}`, date);
  const kService = hmac(kDate, service);
  return { date: kDate, service: kService, signing: hmac(kService, 'tc3_request') };
}

/** The derived key the signature is computed with. */
export function tc3SigningKey(secretKey: string, date: string, service: string): Buffer {
  return tc3DerivedKeys(secretKey, date, service).signing;
}

export function tc3CanonicalRequest(input: { method: string; path?: string; query?: string; headers: Record<string, string>; payloadHash: string; preserveValueCase?: boolean }): { canonicalRequest: string; signedHeaders: string } {
  const { canonical, signed } = canonicalHeaders(input.headers, input.preserveValueCase);
  return { canonicalRequest: [input.method.toUpperCase(), input.path ?? '/', input.query ?? '', canonical, signed, input.payloadHash].join('\n'), signedHeaders: signed };
}

export function tc3StringToSign(timestamp: number, credentialScope: string, canonicalRequest: string): string {
  return [TC3_ALGORITHM, String(timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
}

export function tc3Signature(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

export function signTc3(input: Tc3Input): Tc3Signature {
  const { canonicalRequest, signedHeaders } = tc3CanonicalRequest({ ...input, payloadHash: sha256Hex(input.body) });
  const date = tc3Date(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = tc3StringToSign(input.timestamp, credentialScope, canonicalRequest);
  const signature = tc3Signature(tc3SigningKey(input.secretKey, date, input.service), stringToSign);
  return {
    canonicalRequest,
    stringToSign,
    credentialScope,
    signedHeaders,
    signature,
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
