// Which input of a TC3 signature differs, given the header a client sent and what it sent it with.
// The header's own parts (date, service, signed headers) are compared directly; for the rest, the
// signature is recomputed over a bounded set of likely mistakes (another date or service, another
// Content-Type, another body), and only a variant that reproduces the sent signature exactly counts
// as evidence. Pure: the caller supplies every input, the key included.
import { readTc3Authorization, type ParsedAuthorization, type Tc3Part, type Tc3Problem } from './tc3-authorization.js';
import { sha256Hex, tc3CanonicalRequest, tc3Date, tc3Signature, tc3SigningKey, tc3StringToSign } from './tc3.js';
import { tc3Steps, type Tc3Steps } from './tc3-explain.js';

export interface Tc3Attempt {
  method: string;
  /** Canonical query string (empty for POST). */
  query: string;
  /** Every header sent, names in lower case. */
  headers: Record<string, string>;
  body: string | Uint8Array;
  /** X-TC-Timestamp as sent. */
  timestamp: number;
  authorization: string;
}

export interface Tc3Verifier {
  /** The key pair to compare with; both undefined when the header's SecretId is not one known here. */
  secretId: string | undefined;
  secretKey: string | undefined;
  /** Credential-scope services accepted; the first is the one a correct header names. */
  services: readonly string[];
  requiredSignedHeaders: readonly string[];
  /** Host values a signature may cover (the SDKs sign the bare host name, others the Host header). */
  hosts: readonly string[];
}

export type Verdict = 'same' | 'differs' | 'unknown';

export interface Tc3Diagnosis {
  /** Every input, in a fixed order, with what is known about it. */
  rows: { part: Tc3Part; verdict: Verdict; note: string }[];
  /** The rows that differ. Empty when the header is the expected one. */
  problems: Tc3Problem[];
  /** What a correct header is computed from; absent without a key. */
  expected?: Tc3Steps;
  valid: boolean;
  conclusion: string;
}

const ROW_ORDER: Tc3Part[] = ['scheme', 'format', 'SecretId', 'date', 'service', 'signed headers', 'content-type', 'body hash', 'signature'];
/** Known only from a recomputation that reproduces the signature. */
const RECOMPUTED: Tc3Part[] = ['content-type', 'body hash', 'signature'];
const JSON_TYPES = ['application/json; charset=utf-8', 'application/json'];

/** How the credential date relates to the timestamp; a local date is the usual slip. */
function dateNote(date: string, timestamp: number): string {
  const utc = tc3Date(timestamp);
  const base = `the credential date is ${date}, but X-TC-Timestamp ${timestamp} falls on ${utc} in UTC`;
  if (date === tc3Date(timestamp + 8 * 3600)) return `${base}; ${date} is the date in UTC+8 (China Standard Time), and TC3 takes the UTC date`;
  for (let h = -12; h <= 14; h++) if (date === tc3Date(timestamp + h * 3600)) return `${base}; ${date} is a local date (UTC${h < 0 ? '' : '+'}${h}), and TC3 takes the UTC date`;
  return base;
}

function bodyVariants(body: string | Uint8Array): { body: string | Uint8Array; label?: string }[] {
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const out: { body: string | Uint8Array; label?: string }[] = [{ body }];
  const add = (b: string, label: string): void => void (b !== text && !out.some((o) => o.body === b) && out.push({ body: b, label }));
  add('', 'an empty body');
  try {
    add(JSON.stringify(JSON.parse(text)), 'the body re-serialised without whitespace');
  } catch {
    // not JSON: no re-serialised variant
  }
  add(text.trim(), 'the body without its surrounding whitespace');
  add(`${text}\n`, 'the body with a newline added');
  return out;
}

interface Variant {
  date: string;
  service: string;
  host: string;
  preserveValueCase: boolean;
  contentType: string | undefined;
  body: { body: string | Uint8Array; label?: string };
}

function signatureOf(v: Variant, attempt: Tc3Attempt, signedHeaders: string[], secretKey: string, keys: Map<string, Buffer>): string {
  const headers = Object.fromEntries(signedHeaders.map((name) => [name, name === 'host' ? v.host : name === 'content-type' ? (v.contentType ?? '') : (attempt.headers[name] ?? '')]));
  const { canonicalRequest } = tc3CanonicalRequest({ method: attempt.method, query: attempt.query, headers, payloadHash: sha256Hex(v.body.body), preserveValueCase: v.preserveValueCase });
  const id = `${v.date}/${v.service}`;
  let key = keys.get(id);
  if (!key) keys.set(id, (key = tc3SigningKey(secretKey, v.date, v.service)));
  return tc3Signature(key, tc3StringToSign(attempt.timestamp, `${v.date}/${v.service}/tc3_request`, canonicalRequest));
}

/** The variant that reproduces the sent signature with the fewest changes from what was sent. */
function reproduce(attempt: Tc3Attempt, parts: ParsedAuthorization, verifier: Tc3Verifier & { secretKey: string }, expectedService: string): Variant | undefined {
  const utc = tc3Date(attempt.timestamp);
  const sentType = attempt.headers['content-type'];
  const types = parts.signedHeaders.includes('content-type') ? [...new Set([sentType, ...JSON_TYPES])] : [sentType];
  const keys = new Map<string, Buffer>();
  let best: { v: Variant; cost: number } | undefined;
  for (const date of new Set([utc, parts.date]))
    for (const service of new Set([expectedService, parts.service]))
      for (const contentType of types)
        for (const body of bodyVariants(attempt.body))
          for (const host of verifier.hosts)
            for (const preserveValueCase of [true, false]) {
              const v: Variant = { date, service, host, preserveValueCase, contentType, body };
              const cost = Number(date !== utc) + Number(service !== expectedService) + Number(contentType !== sentType) + Number(body.label !== undefined);
              if (best && best.cost <= cost) continue;
              if (signatureOf(v, attempt, parts.signedHeaders, verifier.secretKey, keys) === parts.signature) best = { v, cost };
            }
  return best?.v;
}

/** The credential scope and SignedHeaders against the timestamp and what the server accepts. */
export function scopeProblems(parts: Partial<ParsedAuthorization>, timestamp: number, accepts: Pick<Tc3Verifier, 'services' | 'requiredSignedHeaders'>): Tc3Problem[] {
  const out: Tc3Problem[] = [];
  if (parts.date && parts.date !== tc3Date(timestamp)) out.push({ part: 'date', message: dateNote(parts.date, timestamp) });
  const services = accepts.services;
  if (parts.service && !services.includes(parts.service))
    out.push({ part: 'service', message: `the credential scope names the service "${parts.service}"; ${services.length > 1 ? `this server accepts ${services.map((s) => `"${s}"`).join(' or ')}` : `it must be "${services[0]}"`}` });
  const missing = accepts.requiredSignedHeaders.filter((h) => !parts.signedHeaders?.includes(h));
  if (parts.signedHeaders && missing.length > 0)
    out.push({ part: 'signed headers', message: `SignedHeaders is "${parts.signedHeaders.join(';')}"; it must include ${accepts.requiredSignedHeaders.join(' and ')} (${missing.join(', ')} missing)` });
  return out;
}

export function diagnoseTc3(attempt: Tc3Attempt, verifier: Tc3Verifier): Tc3Diagnosis {
  const { parts, problems: read } = readTc3Authorization(attempt.authorization);
  const problems: Tc3Problem[] = [...read];
  const known = new Map<Tc3Part, { verdict: Verdict; note: string }>();
  const differs = (part: Tc3Part, message: string): void => {
    if (!problems.some((p) => p.part === part)) problems.push({ part, message });
  };
  if (parts.secretId && parts.secretId !== verifier.secretId)
    differs('SecretId', verifier.secretId === undefined ? `${parts.secretId} is not a SecretId known here` : `the header was signed with SecretId ${parts.secretId}; the key pair here is ${verifier.secretId}`);
  for (const p of scopeProblems(parts, attempt.timestamp, verifier)) differs(p.part, p.message);
  const serviceOk = parts.service !== undefined && verifier.services.includes(parts.service);
  const missing = verifier.requiredSignedHeaders.filter((h) => !parts.signedHeaders?.includes(h));

  const expectedService = serviceOk ? parts.service! : verifier.services[0]!;
  const signedHeaders = parts.signedHeaders && missing.length === 0 ? parts.signedHeaders : [...verifier.requiredSignedHeaders];
  const { secretId, secretKey } = verifier;
  const expected = secretId === undefined || secretKey === undefined ? undefined : tc3Steps({
    method: attempt.method,
    query: attempt.query,
    headers: Object.fromEntries(signedHeaders.map((name) => [name, name === 'host' ? verifier.hosts[0] ?? '' : (attempt.headers[name] ?? '')])),
    body: attempt.body,
    timestamp: attempt.timestamp,
    service: expectedService,
    secretId,
    secretKey,
    preserveValueCase: true,
  });

  let conclusion: string;
  const complete = read.length === 0 ? (parts as ParsedAuthorization) : undefined;
  if (secretKey === undefined || (parts.secretId && parts.secretId !== secretId)) {
    conclusion = 'The signature cannot be recomputed without the key pair that made it.';
  } else if (!complete) {
    conclusion = 'Fix the parts that differ; step 6 shows a correct header for this request.';
  } else {
    const v = reproduce(attempt, complete, { ...verifier, secretKey }, expectedService);
    if (!v) {
      differs('signature', 'no change of date, service, Content-Type or body reproduces it');
      conclusion = 'No single change of date, service, Content-Type or body reproduces the signature: the SecretKey differs, or the client hashed other bytes. Compare its canonical request and the derived-key hashes with steps 1 to 4.';
    } else {
      if (v.contentType !== attempt.headers['content-type']) differs('content-type', `the signature covers Content-Type "${v.contentType}", but "${attempt.headers['content-type']}" was sent`);
      else known.set('content-type', { verdict: 'same', note: complete.signedHeaders.includes('content-type') ? 'the signature covers the value sent' : 'not signed (see signed headers)' });
      if (v.body.label) differs('body hash', `the signature was computed over ${v.body.label} (SHA-256 ${sha256Hex(v.body.body)}), not over the bytes sent (SHA-256 ${sha256Hex(attempt.body)})`);
      else known.set('body hash', { verdict: 'same', note: 'the signature covers the bytes sent' });
      const changed = problems.map((p) => p.part);
      // What the reproduction took from the client rather than from the request as it should be.
      const utc = tc3Date(attempt.timestamp);
      const theirs = changed.filter((p) => (p === 'date' ? v.date !== utc : p === 'service' ? v.service !== expectedService : true));
      const list = (parts: string[]): string => parts.join(' and the ');
      known.set('signature', changed.length === 0 ? { verdict: 'same', note: 'it is the expected one' } : theirs.length > 0 ? { verdict: 'differs', note: `reproduced exactly with the client's ${list(theirs)}` } : { verdict: 'same', note: 'right for this request; only the header text is wrong' });
      conclusion =
        changed.length === 0
          ? 'The header is right: it is the one computed for this request.'
          : `Only the ${list(changed)} ${changed.length === 1 ? 'differs' : 'differ'}: ${
              theirs.length > 0
                ? `recomputed with the client's ${list(theirs)}, the signature is reproduced exactly, so the key and every other input are right.`
                : 'the signature itself is the right one for this request, so only the header text needs fixing.'
            }`;
    }
  }
  const rows = ROW_ORDER.map((part) => {
    const p = problems.filter((x) => x.part === part);
    if (p.length > 0) return { part, verdict: 'differs' as const, note: p.map((x) => x.message).join('; ') };
    return { part, ...(known.get(part) ?? (RECOMPUTED.includes(part) ? { verdict: 'unknown' as const, note: 'not recomputed' } : { verdict: 'same' as const, note: '' })) };
  });
  return { rows, problems, ...(expected ? { expected } : {}), valid: problems.length === 0 && known.get('signature')?.verdict === 'same', conclusion };
}
