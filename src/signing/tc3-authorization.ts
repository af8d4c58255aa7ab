// Reading a TC3 `Authorization` header part by part, so that a refusal can say which part is wrong
// instead of "malformed". The verifier and the explanations share this one reader.
import { TC3_ALGORITHM } from './tc3.js';

/** The inputs of a TC3 signature that a diagnosis can name. */
export type Tc3Part = 'scheme' | 'format' | 'SecretId' | 'date' | 'service' | 'signed headers' | 'signature' | 'content-type' | 'body hash' | 'host' | 'timestamp';

export interface Tc3Problem {
  part: Tc3Part;
  message: string;
}

export interface ParsedAuthorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

export interface Tc3AuthorizationReading {
  /** Whatever could be read, even when other parts are wrong. */
  parts: Partial<ParsedAuthorization>;
  /** Empty exactly when the header is well-formed. */
  problems: Tc3Problem[];
}

const NAMES = ['Credential', 'SignedHeaders', 'Signature'] as const;

export function readTc3Authorization(value: string): Tc3AuthorizationReading {
  const problems: Tc3Problem[] = [];
  const parts: Partial<ParsedAuthorization> = {};
  const text = value.trim();
  const space = /\s/.exec(text);
  const scheme = space ? text.slice(0, space.index) : text;
  if (scheme.toUpperCase() !== TC3_ALGORITHM) problems.push({ part: 'scheme', message: `the scheme is "${scheme}", not ${TC3_ALGORITHM}` });
  const rest = space ? text.slice(space.index).trim() : '';
  const fields = rest === '' ? [] : rest.split(',').map((f) => f.trim());
  const found = new Map<string, string>();
  for (const [i, field] of fields.entries()) {
    const eq = field.indexOf('=');
    const name = NAMES.find((n) => eq > 0 && n.toLowerCase() === field.slice(0, eq).toLowerCase());
    if (!name) {
      problems.push({ part: 'format', message: `"${field}" is not Credential=…, SignedHeaders=… or Signature=…` });
      continue;
    }
    if (NAMES[i] !== name) problems.push({ part: 'format', message: `${name} is out of place: the order is ${NAMES.join(', ')}` });
    found.set(name, field.slice(eq + 1));
  }

  const credential = found.get('Credential');
  if (credential === undefined) problems.push({ part: 'format', message: 'there is no Credential=SecretId/date/service/tc3_request' });
  else {
    const [secretId, date, service, terminator, ...extra] = credential.split('/');
    if (secretId && /^[^,\s]+$/.test(secretId)) parts.secretId = secretId;
    else problems.push({ part: 'SecretId', message: `the Credential "${credential}" names no SecretId` });
    if (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date)) parts.date = date;
    else problems.push({ part: 'date', message: date === undefined ? `the Credential "${credential}" has no date` : `the credential date "${date}" is not YYYY-MM-DD` });
    if (service && /^[^,\s]+$/.test(service)) parts.service = service;
    else problems.push({ part: 'service', message: `the Credential "${credential}" names no service` });
    if (terminator?.toLowerCase() !== 'tc3_request' || extra.length > 0) problems.push({ part: 'format', message: `the Credential "${credential}" does not end in /tc3_request after the service` });
  }

  const signed = found.get('SignedHeaders');
  if (signed === undefined) problems.push({ part: 'signed headers', message: 'there is no SignedHeaders=…' });
  else if (/^[a-z0-9;-]+$/i.test(signed)) parts.signedHeaders = signed.toLowerCase().split(';');
  else problems.push({ part: 'signed headers', message: `SignedHeaders "${signed}" is not header names joined by ";"` });

  const signature = found.get('Signature');
  if (signature === undefined) problems.push({ part: 'signature', message: 'there is no Signature=…' });
  else if (/^[0-9a-f]{64}$/i.test(signature)) parts.signature = signature.toLowerCase();
  else problems.push({ part: 'signature', message: `Signature "${signature}" is not 64 hexadecimal digits (a hex HMAC-SHA256)` });
  return { parts, problems };
}

/** The parts of a well-formed header; undefined when any part is wrong. */
export function parseTc3Authorization(value: string): ParsedAuthorization | undefined {
  const { parts, problems } = readTc3Authorization(value);
  return problems.length === 0 ? (parts as ParsedAuthorization) : undefined;
}
