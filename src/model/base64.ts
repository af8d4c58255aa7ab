// Strict base64 (RFC 4648: the standard alphabet, padded, no line breaks), as `format: byte`
// requires, checked without running a regular expression over megabytes of audio. Node's decoder
// skips characters outside the alphabet and stops at padding, so a text is strict exactly when it
// decodes to as many bytes as its length and padding promise, is ASCII, and holds none of the
// URL-safe alphabet's `-` and `_`, which the decoder would also take. test/model/base64.test.ts holds this
// equal to the pattern, character by character.
let last: { text: string; bytes: Buffer } | undefined;

/** The bytes of strict base64 text, or undefined when the text is not strict base64. */
export function decodeBase64(text: string): Buffer | undefined {
  // One text is kept: the emulator decodes a request's audio while validating it and reads it again
  // right after; comparing a new text with the kept one is a length check, then a memcmp.
  if (last !== undefined && last.text === text) return last.bytes;
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(text, 'base64');
  // Not ASCII (the decoder reads such a character by its low byte), or URL-safe characters: not strict.
  if (bytes.length !== (text.length / 4) * 3 - padding || Buffer.byteLength(text, 'utf8') !== text.length || text.includes('-') || text.includes('_')) return undefined;
  last = { text, bytes };
  return bytes;
}

export const isBase64 = (text: string): boolean => decodeBase64(text) !== undefined;
