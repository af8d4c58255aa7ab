// Postman needs an id on every item, script and example. Random ids would change on every build,
// so ids are name-based UUIDs (version 5 layout over SHA-1): stable across builds and machines.
import { createHash } from 'node:crypto';

export function stableId(...parts: string[]): string {
  const h = createHash('sha1').update(`asr-contract:${parts.join('/')}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
