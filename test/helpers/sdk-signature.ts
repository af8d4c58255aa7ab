// The official SDK's TC3 signature (tencentcloud-sdk-nodejs-common's sign3) for a request a test
// server captured: what every collection's Authorization must equal, for the very bytes it sent.
import { createRequire } from 'node:module';
import type { Captured } from './capture-server.js';

const require = createRequire(import.meta.url);
const Sign = require('tencentcloud-sdk-nodejs-common/tencentcloud/common/sign.js').default as { sign3(o: Record<string, unknown>): string };

export interface KeyPair {
  secretId: string;
  secretKey: string;
}

/** `base` is the server's URL; the SDK takes the credential scope's service from its host's first label. */
export function sdkAuthorization(c: Captured, base: string, key: KeyPair): string {
  return Sign.sign3({
    method: 'POST',
    url: `${base}/`,
    payload: c.body,
    timestamp: Number(c.headers['x-tc-timestamp']),
    service: new URL(base).hostname.split('.')[0],
    secretId: key.secretId,
    secretKey: key.secretKey,
    headers: { 'Content-Type': c.headers['content-type'] },
  });
}
