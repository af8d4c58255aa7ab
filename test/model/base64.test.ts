// format: byte is checked by decoding (src/model/base64.ts); it must accept exactly what the
// strict pattern accepts, whatever the characters.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeBase64, isBase64 } from '../../src/model/base64.js';

const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// The characters that matter: the alphabet's edges, padding, the URL-safe pair, space, line breaks, non-ASCII.
const chars = fc.constantFrom(...'AZaz09+/=-_ \n\r\t!.é中'.split(''), 'Q', 'g');

describe('strict base64 without a regular expression', () => {
  test('accepts exactly what the strict pattern accepts (20 000 random texts)', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 14 }).map((a) => a.join('')), (text) => isBase64(text) === STRICT.test(text)),
      { numRuns: 20_000, seed: 1 },
    );
  });

  test.each([
    ['', true],
    ['QQ==', true],
    ['QR==', true], // non-zero padding bits: the pattern takes it, so does the check
    ['QUI=', true],
    ['QUJD', true],
    ['Q===', false],
    ['QQ=A', false],
    ['QUJ-', false],
    ['QUJD\n', false],
    ['QU JD', false],
  ])('%j → %s', (text, ok) => {
    expect(isBase64(text)).toBe(ok);
    expect(STRICT.test(text)).toBe(ok);
  });

  test('gives the decoded bytes', () => {
    expect(decodeBase64('aGVsbG8=')?.toString()).toBe('hello');
    expect(decodeBase64('aGVsbG8')).toBeUndefined();
  });
});
