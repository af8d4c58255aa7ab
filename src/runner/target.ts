// Where a contract run goes: the in-process emulator by default, or a server named by --base-url
// with credentials from the environment. Against anything that is not this machine, cases that
// create billable resources are left out unless asked for.
import type { Model } from '../model/types.js';

export interface Target {
  baseUrl: string;
  local: boolean;
  /** Values for the Postman environment. Secrets are only here, never in files. */
  values: { secretId: string; secretKey: string; region: string; token: string; appId: string; flashBaseUrl?: string };
}

export class TargetError extends Error {}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLocalUrl(url: URL): boolean {
  return LOCAL_HOSTS.has(url.hostname);
}

/** A --base-url: the service root, an absolute http(s) URL without a path. */
export function serviceRoot(model: Model, baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TargetError(`--base-url must be an absolute http(s) URL, got "${baseUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetError(`--base-url must use http or https, got "${url.protocol}"`);
  if (url.pathname !== '/' || url.search || url.hash) throw new TargetError(`--base-url is the service root (like https://${model.service.endpoints[0]!.host}), without a path; got "${baseUrl}"`);
  return url;
}

export function remoteTarget(model: Model, baseUrl: string, env: NodeJS.ProcessEnv): Target {
  const url = serviceRoot(model, baseUrl);
  const secretId = env.TENCENTCLOUD_SECRET_ID ?? '';
  const secretKey = env.TENCENTCLOUD_SECRET_KEY ?? '';
  if (!secretId || !secretKey) throw new TargetError('set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY to run against --base-url');
  return {
    baseUrl: url.origin,
    local: isLocalUrl(url),
    values: {
      secretId,
      secretKey,
      region: env.TENCENTCLOUD_REGION || model.service.defaultRegion,
      token: env.TENCENTCLOUD_TOKEN ?? '',
      appId: env.TENCENTCLOUD_APPID || (isLocalUrl(url) ? model.service.local.appId : ''),
      // A local server (an emulator) serves flash on its one port too; otherwise flash keeps its own host.
      ...(isLocalUrl(url) ? { flashBaseUrl: url.origin } : {}),
    },
  };
}

export function emulatorTarget(model: Model, baseUrl: string): Target {
  const l = model.service.local;
  return { baseUrl, local: true, values: { secretId: l.secretId, secretKey: l.secretKey, region: model.service.defaultRegion, token: '', appId: l.appId, flashBaseUrl: baseUrl } };
}
