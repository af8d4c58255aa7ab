// Bruno environments (environments/local.yml, environments/live.yml): `local` opens the emulator with
// its documented test pair; `live` holds no credential, its key and token marked secret, so Bruno
// keeps what is typed there out of the file. Bruno picks one by file name (`bru run --env local`).
import type { Model } from '../model/types.js';

type EnvVariable = { name: string; value: string } | { name: string; secret: true };

const plain = (name: string, value: string): EnvVariable => ({ name, value });
const secret = (name: string): EnvVariable => ({ name, secret: true });

export function brunoLocalEnvironment(model: Model): Record<string, unknown> {
  const l = model.service.local;
  return {
    name: 'local',
    variables: [
      plain('baseUrl', `http://127.0.0.1:${l.port}`),
      plain('secretId', l.secretId),
      plain('secretKey', l.secretKey),
      plain('region', model.service.defaultRegion),
      plain('token', ''),
      plain('appId', l.appId),
      ...(model.endpoints.length > 0 ? [plain('flashBaseUrl', `http://127.0.0.1:${l.port}`)] : []),
    ],
  };
}

export function brunoLiveEnvironment(model: Model): Record<string, unknown> {
  return {
    name: 'live',
    variables: [
      plain('baseUrl', `https://${model.service.endpoints[0]!.host}`),
      plain('secretId', ''),
      secret('secretKey'),
      plain('region', model.service.defaultRegion),
      secret('token'),
      plain('appId', ''),
      ...(model.endpoints[0] ? [plain('flashBaseUrl', `https://${model.endpoints[0].host}`)] : []),
    ],
  };
}
