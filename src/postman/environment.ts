// Postman environments: `local` opens the emulator with its documented test pair; `live` ships
// with empty credentials of type secret, to be filled in by the user or by --env-var in CI.
import type { Model } from '../model/types.js';
import { stableId } from './ids.js';

interface EnvValue {
  key: string;
  value: string;
  type: 'default' | 'secret';
  enabled: true;
}

export interface PostmanEnvironment {
  id: string;
  name: string;
  values: EnvValue[];
  _postman_variable_scope: 'environment';
}

const value = (key: string, v: string, type: EnvValue['type'] = 'default'): EnvValue => ({ key, value: v, type, enabled: true });

export function localEnvironment(model: Model): PostmanEnvironment {
  const l = model.service.local;
  return {
    id: stableId('environment', 'local'),
    name: `${model.service.nameZh} ASR · local emulator`,
    values: [
      value('baseUrl', `http://127.0.0.1:${l.port}`),
      value('secretId', l.secretId),
      value('secretKey', l.secretKey),
      value('region', model.service.defaultRegion),
      value('token', ''),
      value('appId', l.appId),
      ...(model.endpoints.length > 0 ? [value('flashBaseUrl', `http://127.0.0.1:${l.port}`)] : []),
    ],
    _postman_variable_scope: 'environment',
  };
}

export function liveEnvironment(model: Model): PostmanEnvironment {
  return {
    id: stableId('environment', 'live'),
    name: `${model.service.nameZh} ASR · live (${model.service.endpoints[0]!.host})`,
    values: [
      value('baseUrl', `https://${model.service.endpoints[0]!.host}`),
      value('secretId', ''),
      value('secretKey', '', 'secret'),
      value('region', model.service.defaultRegion),
      value('token', '', 'secret'),
      value('appId', ''),
      ...(model.endpoints[0] ? [value('flashBaseUrl', `https://${model.endpoints[0].host}`)] : []),
    ],
    _postman_variable_scope: 'environment',
  };
}
