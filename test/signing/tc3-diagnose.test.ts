// Reading Authorization headers part by part, and naming the input a client got wrong
// (fixtures/signing/tc3-authorization-cases.yaml, tc3-diagnoses.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { readTc3Authorization } from '../../src/signing/tc3-authorization.js';
import { diagnoseTc3 } from '../../src/signing/tc3-diagnose.js';
import { formatTc3Diagnosis } from '../../src/signing/tc3-explain-text.js';
import { FIXTURES } from '../helpers/spec-fixtures.js';
import { clientHeader, type SignedWith } from '../helpers/tc3-client-header.js';

const load = <T>(file: string): T => parse(readFileSync(join(FIXTURES, 'signing', file), 'utf8')) as T;

describe('reading a TC3 Authorization header', () => {
  const cases = load<{ header: string; parts?: Record<string, unknown>; problems?: string[]; says?: string }[]>('tc3-authorization-cases.yaml');
  test.each(cases.map((c) => [c.header, c] as const))('%s', (_h, c) => {
    const r = readTc3Authorization(c.header);
    expect(r.problems.map((p) => p.part)).toEqual(c.problems ?? []);
    if (c.parts) expect(r.parts).toEqual(c.parts);
    if (c.says) expect(r.problems[0]!.message).toContain(c.says);
  });
});

interface Diagnosis {
  title: string;
  timestamp?: number;
  body?: string;
  contentType?: string;
  signedWith: SignedWith;
  differs: string[];
  says?: string;
}

const T4 = load<{ id: string; headers: Record<string, string>; body: string; timestamp: number; secretId: string; secretKey: string }[]>('tc3-vectors.yaml').find((v) => v.id === 'T4')!;

describe('which input differs', () => {
  const cases = load<Diagnosis[]>('tc3-diagnoses.yaml');
  test.each(cases.map((c) => [c.title, c] as const))('%s', (_t, c) => {
    const sent = {
      method: 'POST',
      query: '',
      headers: { 'content-type': c.contentType ?? T4.headers['content-type']!, host: T4.headers.host!, 'x-tc-action': 'CreateRecTask' },
      body: c.body ?? T4.body,
      timestamp: c.timestamp ?? T4.timestamp,
    };
    const d = diagnoseTc3({ ...sent, authorization: clientHeader({ ...sent, secretId: T4.secretId, secretKey: T4.secretKey }, c.signedWith) }, { secretId: T4.secretId, secretKey: T4.secretKey, services: ['asr'], requiredSignedHeaders: ['content-type', 'host'], hosts: [T4.headers.host!] });
    expect(d.rows.filter((r) => r.verdict === 'differs').map((r) => r.part)).toEqual(c.differs);
    expect(d.valid).toBe(c.differs.length === 0);
    const text = formatTc3Diagnosis(d, { showSignature: true }).join('\n');
    if (c.says) expect(text).toContain(c.says);
    // A correct header's steps come with every diagnosis that has the key; it never holds the key.
    if (d.expected) expect(text).toContain(d.expected.authorization);
    expect(text).not.toContain(T4.secretKey);
  });
});
