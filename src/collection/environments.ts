// The variables of the two environments both collections ship: `local` opens the emulator with its
// documented test pair; `live` points at Tencent with no credential, its key and token secret, to be
// filled in by the user (or given on the command line in CI).
import type { Model } from '../model/types.js';

export interface EnvironmentValue {
  key: string;
  value: string;
  /** Kept out of files by the app (Postman's type secret, Bruno's secret). */
  secret: boolean;
}

const value = (key: string, v: string, secret = false): EnvironmentValue => ({ key, value: v, secret });

export function environmentValues(model: Model, which: 'local' | 'live'): EnvironmentValue[] {
  if (which === 'local') {
    const l = model.service.local;
    return [
      value('baseUrl', `http://127.0.0.1:${l.port}`),
      value('secretId', l.secretId),
      value('secretKey', l.secretKey),
      value('region', model.service.defaultRegion),
      value('token', ''),
      value('appId', l.appId),
      ...(model.endpoints.length > 0 ? [value('flashBaseUrl', `http://127.0.0.1:${l.port}`)] : []),
    ];
  }
  return [
    value('baseUrl', `https://${model.service.endpoints[0]!.host}`),
    value('secretId', ''),
    value('secretKey', '', true),
    value('region', model.service.defaultRegion),
    value('token', '', true),
    value('appId', ''),
    ...(model.endpoints[0] ? [value('flashBaseUrl', `https://${model.endpoints[0].host}`)] : []),
  ];
}
