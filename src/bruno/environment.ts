// Bruno environments (environments/local.yml, environments/live.yml), with the variables of
// src/collection/environments.ts. A secret one is written without its value: Bruno keeps what is typed
// there out of the file. Bruno picks an environment by file name (`bru run --env local`).
import { environmentValues } from '../collection/environments.js';
import type { Model } from '../model/types.js';

export function brunoEnvironment(model: Model, which: 'local' | 'live'): Record<string, unknown> {
  return {
    name: which,
    variables: environmentValues(model, which).map((v) => (v.secret ? { name: v.key, secret: true } : { name: v.key, value: v.value })),
  };
}
