// A client's TC3 signer built from the primitives, so that each input can be wrong on its own: the
// headers a diagnosis or the emulator must see through.
import { sha256Hex, tc3CanonicalRequest, tc3Date, tc3Signature, tc3SigningKey, tc3StringToSign } from '../../src/signing/tc3.js';

export interface SignedWith {
  date?: string;
  /** Only the Credential's date is changed, after signing. */
  headerDate?: string;
  service?: string;
  signedHeaders?: string[];
  body?: string;
  contentType?: string;
  secretId?: string;
  secretKey?: string;
  lowerCaseValues?: boolean;
}

export interface SentRequest {
  /** Lower-case names; content-type and host at least. */
  headers: Record<string, string>;
  body: string | Uint8Array;
  timestamp: number;
  secretId: string;
  secretKey: string;
}

export function clientHeader(sent: SentRequest, w: SignedWith): string {
  const date = w.date ?? tc3Date(sent.timestamp);
  const service = w.service ?? 'asr';
  const names = w.signedHeaders ?? ['content-type', 'host'];
  const values: Record<string, string> = { ...sent.headers, ...(w.contentType ? { 'content-type': w.contentType } : {}) };
  const { canonicalRequest } = tc3CanonicalRequest({ method: 'POST', headers: Object.fromEntries(names.map((n) => [n, values[n] ?? ''])), payloadHash: sha256Hex(w.body ?? sent.body), preserveValueCase: !w.lowerCaseValues });
  const signature = tc3Signature(tc3SigningKey(w.secretKey ?? sent.secretKey, date, service), tc3StringToSign(sent.timestamp, `${date}/${service}/tc3_request`, canonicalRequest));
  return `TC3-HMAC-SHA256 Credential=${w.secretId ?? sent.secretId}/${w.headerDate ?? date}/${service}/tc3_request, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}
