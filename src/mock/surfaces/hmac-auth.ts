// Verifies the HMAC-SHA1 signature of flash requests and WebSocket URLs. Accepts a signature over
// the real host (what Tencent's SDKs sign) or over the Host the emulator is reached at.
import { timingSafeEqual } from 'node:crypto';
import type { HmacSignature } from '../../model/surface-types.js';
import { hmacSha1StringToSign, hmacSha1Base64 } from '../../signing/hmac-sha1.js';
import { secretKeyOf, type EmulatorOptions } from '../options.js';
import { SurfaceError } from './codes.js';

export interface HmacRequest {
  method: string;
  hostHeader: string | undefined;
  path: string;
  /** Decoded query parameters, the signature parameter included if it travels there. */
  params: Record<string, string>;
  /** The signature, from the header or the parameter. */
  signature: string | undefined;
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function verifyHmac(spec: HmacSignature, specHost: string, req: HmacRequest, options: EmulatorOptions, nowMs: number): void {
  const p = req.params;
  if (!req.signature) throw new SurfaceError('auth-failed', 'no signature');
  // With a SecretId parameter, its pair's key; without one, any accepted key may have signed.
  const keys = spec.secretIdParameter ? [secretKeyOf(options, p[spec.secretIdParameter])].filter((k): k is string => k !== undefined) : options.credentials.map((c) => c.secretKey);
  if (keys.length === 0) throw new SurfaceError('auth-failed', `unknown ${spec.secretIdParameter}`);
  const now = nowMs / 1000;
  if (spec.timestampParameter) {
    const ts = Number(p[spec.timestampParameter]);
    if (!Number.isInteger(ts) || Math.abs(now - ts) > spec.toleranceSeconds) throw new SurfaceError('auth-failed', `${spec.timestampParameter} is not within ${spec.toleranceSeconds} s of now`);
    if (spec.expiredParameter) {
      const expired = Number(p[spec.expiredParameter]);
      if (!Number.isInteger(expired) || expired <= ts || expired <= now) throw new SurfaceError('auth-failed', `${spec.expiredParameter} has passed or is not after ${spec.timestampParameter}`);
      if (spec.maxValiditySeconds && expired - ts > spec.maxValiditySeconds) throw new SurfaceError('auth-failed', `${spec.expiredParameter} is more than ${spec.maxValiditySeconds} s after ${spec.timestampParameter}`);
    }
  }
  if (spec.nonceParameter && !/^\d{1,19}$/.test(p[spec.nonceParameter] ?? '')) throw new SurfaceError('auth-failed', `${spec.nonceParameter} must be a positive integer`);
  if (options.lenientAuth) return;
  const signed = Object.fromEntries(Object.entries(p).filter(([k]) => k !== spec.parameter));
  const host = (req.hostHeader ?? '').trim();
  const hosts = [...new Set([specHost, host, host.replace(/:\d+$/, '')].filter(Boolean))];
  const strings = hosts.map((h) => hmacSha1StringToSign({ ...(spec.method ? { method: req.method } : {}), host: h, path: req.path, params: signed }));
  if (keys.some((key) => strings.some((s) => same(hmacSha1Base64(key, s), req.signature!)))) return;
  throw new SurfaceError('auth-failed', options.debugAuth ? `signature mismatch; --debug-auth: expected string to sign: ${strings[0]}` : 'signature mismatch');
}
