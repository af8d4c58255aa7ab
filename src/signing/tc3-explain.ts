// Every intermediate value of a TC3-HMAC-SHA256 signature, for people debugging their own signer.
// The derived keys are given only as their SHA-256: enough to compare step by step, useless to sign.
import { sha256Hex, tc3CanonicalRequest, tc3Date, tc3DerivedKeys, tc3Signature, tc3StringToSign, TC3_ALGORITHM, type Tc3Input } from './tc3.js';

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
  const payloadHash = sha256Hex(input.body);
  const { canonicalRequest, signedHeaders } = tc3CanonicalRequest({ ...input, payloadHash });
  const date = tc3Date(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = tc3StringToSign(input.timestamp, credentialScope, canonicalRequest);
  const keys = tc3DerivedKeys(input.secretKey, date, input.service);
  const signature = tc3Signature(keys.signing, stringToSign);
  const lines = canonicalRequest.split('\n');
  return {
    timestamp: input.timestamp,
    date,
    service: input.service,
    method: lines[0]!,
    path: lines[1]!,
    query: lines[2]!,
    canonicalHeaders: lines.slice(3, -3),
    signedHeaders,
    bodyBytes: typeof input.body === 'string' ? Buffer.byteLength(input.body) : input.body.length,
    payloadHash,
    canonicalRequest,
    canonicalRequestHash: sha256Hex(canonicalRequest),
    credentialScope,
    stringToSign,
    keyHashes: { date: sha256Hex(keys.date), service: sha256Hex(keys.service), signing: sha256Hex(keys.signing) },
    signature,
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
