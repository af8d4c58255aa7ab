// Where a contract run goes. Every surface (API 3.0, the HTTP endpoints such as flash, the
// WebSockets, the callbacks) derives its address from what the user named: the in-process emulator,
// or --base-url with --flash-base-url / --ws-base-url for a split-host layout like Tencent's. A host
// nobody named is never contacted: a surface that has no address is left out, with the reason.
import { isLoopbackHost } from '../loopback.js';
import type { Model } from '../model/types.js';

export interface Target {
  /** Origin of the API 3.0 server, e.g. `http://127.0.0.1:8080`. */
  baseUrl: string;
  /** Origin the HTTP endpoints (flash) go to; absent when they are left out. */
  flashBaseUrl?: string;
  /** ws:// or wss:// origin the WebSocket channels go to; absent when they are left out. */
  wsBaseUrl?: string;
  /** Why a surface group has no address, for the lines printed before the run. */
  leftOut: { flash?: string; ws?: string };
  /** The in-process emulator of this run. */
  emulator: boolean;
  /** Where the credentials came from. */
  credentials: 'local-pair' | 'environment';
  /** Values for the Postman environment. Secrets are only here, never in files. */
  values: { secretId: string; secretKey: string; region: string; token: string; appId: string };
}

export interface TargetFlags {
  baseUrl?: string;
  flashBaseUrl?: string;
  wsBaseUrl?: string;
}

export class TargetError extends Error {}

/** The flags a command names the three origins with (the proxy calls them --upstream, …). */
export interface TargetFlagNames {
  base: string;
  flash: string;
  ws: string;
}

const TEST_FLAGS: TargetFlagNames = { base: '--base-url', flash: '--flash-base-url', ws: '--ws-base-url' };

export function isLocalUrl(url: URL): boolean {
  return isLoopbackHost(url.hostname);
}

export const isLocal = (url: string | undefined): boolean => url !== undefined && isLocalUrl(new URL(url));

/** An origin from a flag: absolute, one of `schemes`, no path, query or fragment. */
function originOf(flag: string, value: string, schemes: readonly string[], example: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TargetError(`${flag} must be an absolute URL such as ${example}, got "${value}"`);
  }
  if (!schemes.includes(url.protocol)) throw new TargetError(`${flag} must use ${schemes.map((s) => s.replace(/:$/, '')).join(' or ')}, got "${url.protocol.replace(/:$/, '')}"`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) throw new TargetError(`${flag} is a server root like ${example}, without a path, query or credentials; got "${value}"`);
  return url;
}

/** A --base-url as `asr-contract sign` takes it: the service root, an absolute http(s) URL without a path. */
export function serviceRoot(model: Model, baseUrl: string): URL {
  return originOf('--base-url', baseUrl, ['http:', 'https:'], `https://${model.service.endpoints[0]!.host}`);
}

const wsOrigin = (url: URL): string => `${url.protocol === 'https:' || url.protocol === 'wss:' ? 'wss:' : 'ws:'}//${url.host}`;

/** The in-process emulator: every surface at its one origin, with the documented local pair. */
export function emulatorTarget(model: Model, baseUrl: string): Target {
  const l = model.service.local;
  const url = new URL(baseUrl);
  return {
    baseUrl: url.origin,
    flashBaseUrl: url.origin,
    wsBaseUrl: wsOrigin(url),
    leftOut: {},
    emulator: true,
    credentials: 'local-pair',
    values: { secretId: l.secretId, secretKey: l.secretKey, region: model.service.defaultRegion, token: '', appId: l.appId },
  };
}

export function remoteTarget(model: Model, flags: TargetFlags, env: NodeJS.ProcessEnv, names: TargetFlagNames = TEST_FLAGS): Target {
  const apiHosts = model.service.endpoints.map((e) => e.host);
  if (!flags.baseUrl) throw new TargetError(`${names.flash} and ${names.ws} change where ${names.base}'s surfaces go; pass ${names.base} too`);
  const api = originOf(names.base, flags.baseUrl, ['http:', 'https:'], `https://${apiHosts[0]}`);
  // Tencent serves API 3.0 and the other surfaces on different hosts; the same origin serves all
  // of them anywhere else (the emulator, a proxy). Only a named host is ever contacted.
  const split = apiHosts.includes(api.hostname);
  const endpointHost = model.endpoints[0]?.host;
  const channelHost = model.channels[0]?.host;
  const flash = flags.flashBaseUrl !== undefined ? originOf(names.flash, flags.flashBaseUrl, ['http:', 'https:'], `https://${endpointHost}`) : split ? undefined : api;
  const ws = flags.wsBaseUrl !== undefined ? originOf(names.ws, flags.wsBaseUrl, ['ws:', 'wss:', 'http:', 'https:'], `wss://${channelHost}`) : split ? undefined : api;

  const named = [api, flash, ws].filter((u): u is URL => u !== undefined);
  const allLocal = named.every(isLocalUrl);
  const fromEnv = Boolean(env.TENCENTCLOUD_SECRET_ID && env.TENCENTCLOUD_SECRET_KEY);
  if (!fromEnv && !allLocal) throw new TargetError(`set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to run against ${named.filter((u) => !isLocalUrl(u)).map((u) => u.host).join(', ')}`);
  const local = model.service.local;
  return {
    baseUrl: api.origin,
    ...(flash ? { flashBaseUrl: flash.origin } : {}),
    ...(ws ? { wsBaseUrl: wsOrigin(ws) } : {}),
    leftOut: {
      ...(flash ? {} : { flash: `${api.host} does not serve it (Tencent serves it on ${endpointHost}); add ${names.flash} https://${endpointHost} to include it` }),
      ...(ws ? {} : { ws: `${api.host} does not serve them (Tencent serves them on ${channelHost}); add ${names.ws} wss://${channelHost} to include them` }),
    },
    emulator: false,
    credentials: fromEnv ? 'environment' : 'local-pair',
    values: {
      secretId: fromEnv ? env.TENCENTCLOUD_SECRET_ID! : local.secretId,
      secretKey: fromEnv ? env.TENCENTCLOUD_SECRET_KEY! : local.secretKey,
      region: env.TENCENTCLOUD_REGION || model.service.defaultRegion,
      token: fromEnv ? (env.TENCENTCLOUD_TOKEN ?? '') : '',
      appId: env.TENCENTCLOUD_APPID || (allLocal ? local.appId : ''),
    },
  };
}
