// Where the proxy forwards, derived the way a contract run derives its target (runner/target.ts):
// --upstream, with --flash-upstream and --ws-upstream for Tencent's split hosts. The credentials it
// signs with are TENCENTCLOUD_*, or the local pair when every upstream is on this machine.
import type { Model } from '../model/types.js';
import { remoteTarget, type Target } from '../runner/target.js';
import type { Upstreams } from './api3-exchange.js';
import { maskSecretId } from './redact.js';
import type { ProxyCredentials } from './resign.js';

export interface UpstreamFlags {
  upstream?: string;
  flashUpstream?: string;
  wsUpstream?: string;
}

export interface ProxyTarget {
  upstreams: Upstreams;
  creds: ProxyCredentials;
  /** host:port of every named upstream: the only places the proxy connects to. */
  allowed: Set<string>;
  /** Printed before the proxy starts: where each surface goes, and with which SecretId. */
  plan: string[];
}

export const PROXY_FLAGS = { base: '--upstream', flash: '--flash-upstream', ws: '--ws-upstream' };

/** Throws TargetError with a message that names the flag. */
export function proxyTarget(model: Model, flags: UpstreamFlags, env: NodeJS.ProcessEnv): ProxyTarget {
  const t: Target = remoteTarget(model, { ...(flags.upstream !== undefined ? { baseUrl: flags.upstream } : {}), ...(flags.flashUpstream !== undefined ? { flashBaseUrl: flags.flashUpstream } : {}), ...(flags.wsUpstream !== undefined ? { wsBaseUrl: flags.wsUpstream } : {}) }, env, PROXY_FLAGS);
  const api3 = new URL(t.baseUrl);
  const flash = t.flashBaseUrl ? new URL(t.flashBaseUrl) : undefined;
  const ws = t.wsBaseUrl ? new URL(t.wsBaseUrl) : undefined;
  const v = t.values;
  const rows: [string, string][] = [
    ['API 3.0', `${api3.origin}/`],
    ...model.endpoints.map((e): [string, string] => [e.name, flash ? `${flash.origin}${e.path}` : `left out: ${t.leftOut.flash}`]),
    ...model.channels.map((c): [string, string] => [c.name, ws ? `${ws.protocol}//${ws.host}${c.path}` : `left out: ${t.leftOut.ws}`]),
    ['signs with', t.credentials === 'environment' ? `TENCENTCLOUD_SECRET_ID ${maskSecretId(v.secretId)} (and its key)` : `the emulator's local test pair, SecretId ${maskSecretId(v.secretId)}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return {
    upstreams: { api3, ...(flash ? { flash } : {}), ...(ws ? { ws } : {}), leftOut: t.leftOut },
    creds: { secretId: v.secretId, secretKey: v.secretKey, ...(v.token ? { token: v.token } : {}), ...(v.appId ? { appId: v.appId } : {}) },
    allowed: new Set([api3, flash, ws].filter((u): u is URL => u !== undefined).map((u) => u.host)),
    plan: rows.map(([k, val]) => `  ${k.padEnd(width)}  ${val}`),
  };
}
