// What a run may show of its credentials: the SecretId by its last 4 characters, the key and token
// never, in whatever form a report holds them.
import { describe, expect, test } from 'vitest';
import { maskSecretId, redactor, redactReport } from '../../src/report/redact.js';

const ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const KEY = 'Gu5t9xGARNpq86cd98joQYCN3/+EXAMPLE=';

describe('maskSecretId', () => {
  test.each([
    [ID, `${'*'.repeat(ID.length - 4)}MPLE`],
    ['AKIDLOCALEMULATOR00000000000000000000', `${'*'.repeat(33)}0000`],
    ['abcd', '****'],
    ['', '****'],
  ])('%j → %j', (id, masked) => {
    expect(maskSecretId(id)).toBe(masked);
    if (id.length > 4) expect(masked).not.toContain(id.slice(0, -4));
  });
});

describe('redactor', () => {
  const redact = redactor({ secretId: ID, secrets: [KEY, 'session-token-1234', undefined, ''] });
  test.each([
    ['as is', `id=${ID} key=${KEY}`, `id=${maskSecretId(ID)} key=***`],
    ['URL-encoded in a query string', `?secretid=${ID}&k=${encodeURIComponent(KEY)}`, `?secretid=${maskSecretId(ID)}&k=***`],
    ['escaped inside JSON', JSON.stringify({ k: `a\n${KEY}` }), '{"k":"a\\n***"}'],
    ['in an Authorization header', `TC3-HMAC-SHA256 Credential=${ID}/2025-01-01/asr/tc3_request`, `TC3-HMAC-SHA256 Credential=${maskSecretId(ID)}/2025-01-01/asr/tc3_request`],
    ['the token', 'X-TC-Token: session-token-1234', 'X-TC-Token: ***'],
    ['nothing to hide', 'plain text', 'plain text'],
  ])('%s', (_name, text, want) => {
    expect(redact(text)).toBe(want);
  });

  test('values too short to be credentials are left alone, so reports stay readable', () => {
    expect(redactor({ secretId: 'x', secrets: ['k'] })('x k')).toBe('x k');
  });

  test('a report: every text it holds', () => {
    const r = redactReport({ title: 't', plan: [`SecretId ${ID}`], durationMs: 1, about: KEY, checks: [{ suite: 's', case: ID, name: KEY, status: 'failed', message: ID, detail: KEY, durationMs: 1, source: 'collection' }] }, redact);
    expect(JSON.stringify(r)).not.toContain(ID);
    expect(JSON.stringify(r)).not.toContain(KEY);
    expect(r.plan[0]).toBe(`SecretId ${maskSecretId(ID)}`);
  });
});
