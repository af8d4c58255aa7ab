// The signature of ASR's non-API-3.0 surfaces: Base64 HMAC-SHA1 over (method +) host + path + "?" +
// the parameters sorted by key as raw key=value pairs. Flash puts it in the Authorization header,
// the WebSockets in a `signature` query parameter. Pure: the caller supplies every input.
import { createHash, createHmac } from 'node:crypto';

export interface HmacSha1Input {
  /** `POST` for flash; omitted for the WebSockets, whose string to sign has no method. */
  method?: string;
  host: string;
  path: string;
  /** Decoded values; the parameter carrying the signature itself must not be here. */
  params: Record<string, string>;
}

export function hmacSha1StringToSign(input: HmacSha1Input): string {
  const query = Object.keys(input.params)
    .sort()
    .map((k) => `${k}=${input.params[k]}`)
    .join('&');
  return `${input.method ?? ''}${input.host}${input.path}?${query}`;
}

export function hmacSha1Base64(secretKey: string, stringToSign: string): string {
  return createHmac('sha1', secretKey).update(stringToSign, 'utf8').digest('base64');
}

export function signHmacSha1(secretKey: string, input: HmacSha1Input): { stringToSign: string; signature: string } {
  const stringToSign = hmacSha1StringToSign(input);
  return { stringToSign, signature: hmacSha1Base64(secretKey, stringToSign) };
}

/** CheckSum of a stream-recognition callback: SHA-256 hex of AppId + SignToken + the raw body. */
export function callbackChecksum(appId: string, signToken: string, body: string | Uint8Array): string {
  return createHash('sha256').update(appId).update(signToken).update(body).digest('hex');
}
