// The signing steps and a diagnosis as text, laid out like the signature example of Tencent's API
// Explorer: each intermediate value under the name the TC3 documentation gives it. The same text
// serves `asr-contract sign --explain` and the emulator's --debug-auth.
import type { Tc3Diagnosis } from './tc3-diagnose.js';
import type { Tc3Steps } from './tc3-explain.js';

export interface ExplainOptions {
  /**
   * Print the signature and the Authorization header. The emulator does not: with a real key
   * configured, printing what it expects would sign requests for whoever asks.
   */
  showSignature: boolean;
}

const RULE = '-----';
const field = (name: string, value: string): string => `   ${name.padEnd(23)}${value}`;

export function formatTc3Steps(s: Tc3Steps, options: ExplainOptions): string[] {
  const headers = s.canonicalHeaders.length > 0 ? s.canonicalHeaders : [''];
  return [
    `TC3-HMAC-SHA256, step by step (X-TC-Timestamp ${s.timestamp} = ${new Date(s.timestamp * 1000).toISOString().replace('.000', '')})`,
    '',
    '1. Canonical request: these six values, one per line',
    field('HTTPRequestMethod', s.method),
    field('CanonicalURI', s.path),
    field('CanonicalQueryString', s.query === '' ? '(empty)' : s.query),
    ...headers.map((h, i) => field(i === 0 ? 'CanonicalHeaders' : '', h)),
    field('SignedHeaders', s.signedHeaders),
    field('HashedRequestPayload', `${s.payloadHash}  (SHA-256 hex of the ${s.bodyBytes} body bytes)`),
    RULE,
    s.canonicalRequest,
    RULE,
    '2. Hash of the canonical request (SHA-256 hex)',
    `   ${s.canonicalRequestHash}`,
    '',
    '3. String to sign: algorithm, timestamp, credential scope (UTC date/service/tc3_request), step 2',
    RULE,
    s.stringToSign,
    RULE,
    '4. Derived keys, each shown as its SHA-256 (the keys themselves are as secret as the SecretKey)',
    `   SecretDate    = HMAC-SHA256("TC3" + SecretKey, "${s.date}")`.padEnd(72) + `sha256 ${s.keyHashes.date}`,
    `   SecretService = HMAC-SHA256(SecretDate, "${s.service}")`.padEnd(72) + `sha256 ${s.keyHashes.service}`,
    `   SecretSigning = HMAC-SHA256(SecretService, "tc3_request")`.padEnd(72) + `sha256 ${s.keyHashes.signing}`,
    '',
    '5. Signature = hex(HMAC-SHA256(SecretSigning, string to sign))',
    options.showSignature ? `   ${s.signature}` : '   (not shown by the emulator)',
    '',
    '6. Authorization header',
    options.showSignature ? `   ${s.authorization}` : `   TC3-HMAC-SHA256 Credential=<SecretId>/${s.credentialScope}, SignedHeaders=${s.signedHeaders}, Signature=<step 5>`,
  ];
}

export function formatTc3Diagnosis(d: Tc3Diagnosis, options: ExplainOptions): string[] {
  const width = Math.max(...d.rows.map((r) => r.part.length)) + 2;
  return [
    'The Authorization header, input by input:',
    ...d.rows.map((r) => `   ${r.part.padEnd(width)}${r.verdict.padEnd(9)}${r.note}`.trimEnd()),
    '',
    d.conclusion,
    ...(d.expected ? ['', 'What a correct header is computed from:', '', ...formatTc3Steps(d.expected, options)] : []),
  ];
}
