// The legacy API 3.0 signature (HmacSHA1 / HmacSHA256 over the sorted parameters), which the
// official SDKs still offer as a sign method.
import { createHmac } from 'node:crypto';

export type V1Method = 'HmacSHA1' | 'HmacSHA256';

/** `GETasr.tencentcloudapi.com/?Action=…&Nonce=…` with raw (not URL-encoded) values, sorted by key. */
export function v1StringToSign(method: string, host: string, path: string, params: Record<string, string>): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${k}=${params[k]}`);
  return `${method.toUpperCase()}${host}${path}?${pairs.join('&')}`;
}

export function signV1(secretKey: string, stringToSign: string, method: V1Method): string {
  return createHmac(method === 'HmacSHA256' ? 'sha256' : 'sha1', secretKey).update(stringToSign, 'utf8').digest('base64');
}
