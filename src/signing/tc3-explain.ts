// Every intermediate value of a TC3-HMAC-SHA256 signature, for people debugging their own signer.
// The derived keys are given only as their SHA-256: enough to compare step by step, useless to sign.
import { sha256Hex, signTc3, tc3Date, tc3DerivedKeys, type Tc3Input } from './tc3.js';

export interface Tc3Steps {
  timestamp: number;
  date: string;
  service: string;
  method: string;
  path: string;
  query: string;
  /** `name:value` per signed header, as they enter the canonical request. */
  canonicalHeaders: string[];
  signedHeaders: string;
  bodyBytes: number;
  payloadHash: string;
  canonicalRequest: string;
  canonicalRequestHash: string;
  credentialScope: string;
  stringToSign: string;
  /** SHA-256 hex of each derived key, never the key itself. */
  keyHashes: { date: string; service: string; signing: string };
  signature: string;
  authorization: string;
}

export function tc3Steps(input: Tc3Input): Tc3Steps {
  // The signature itself is signTc3's; this adds the values a person compares on the way.
  const signed = signTc3(input);
  const date = tc3Date(input.timestamp);
  const keys = tc3DerivedKeys(input.secretKey, date, input.service);
  const lines = signed.canonicalRequest.split('\n');
  return {
    timestamp: input.timestamp,
    date,
    service: input.service,
    method: lines[0]!,
    path: lines[1]!,
    query: lines[2]!,
    canonicalHeaders: lines.slice(3, -3),
    signedHeaders: signed.signedHeaders,
    bodyBytes: typeof input.body === 'string' ? Buffer.byteLength(input.body) : input.body.length,
    payloadHash: lines.at(-1)!,
    canonicalRequest: signed.canonicalRequest,
    canonicalRequestHash: sha256Hex(signed.canonicalRequest),
    credentialScope: signed.credentialScope,
    stringToSign: signed.stringToSign,
    keyHashes: { date: sha256Hex(keys.date), service: sha256Hex(keys.service), signing: sha256Hex(keys.signing) },
    signature: signed.signature,
    authorization: signed.authorization,
  };
}
