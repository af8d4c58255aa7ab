// Postman environments: `local` opens the emulator with its documented test pair; `live` ships
// with empty credentials of type secret, to be filled in by the user or by --env-var in CI. The
// variables are those of src/collection/environments.ts.
import { environmentValues } from '../collection/environments.js';
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

function environment(model: Model, which: 'local' | 'live', name: string): PostmanEnvironment {
  return {
    id: stableId('environment', which),
    name,
    values: environmentValues(model, which).map((v) => ({ key: v.key, value: v.value, type: v.secret ? 'secret' : 'default', enabled: true })),
    _postman_variable_scope: 'environment',
  };
}

export const localEnvironment = (model: Model): PostmanEnvironment => environment(model, 'local', `${model.service.nameZh} ASR · local emulator`);

export const liveEnvironment = (model: Model): PostmanEnvironment => environment(model, 'live', `${model.service.nameZh} ASR · live (${model.service.endpoints[0]!.host})`);
