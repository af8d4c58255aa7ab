// ajv 8 validators for every action's request and response body, compiled from one schema document
// so that shared types are compiled once, not once per action. Used by the spec checks, the
// emulator and the runner alike.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { componentName, reachableTypes, responseBodySchema, shapeSchema, typeIndex, type JsonSchema, type SchemaOptions } from './schema.js';
import type { Action, Model } from './types.js';

const ID = 'urn:asr-contract:model';

export class ModelValidators {
  private readonly ajv = createAjv();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(model: Model) {
    const types = typeIndex(model);
    const opts: SchemaOptions = { dialect: '2020-12', annotations: false, ref: (name) => `#/$defs/${name}` };
    const defs: Record<string, JsonSchema> = {};
    const shapes = model.actions.flatMap((a) => [
      { shape: a.request, direction: 'request' as const },
      { shape: a.response, direction: 'response' as const },
    ]);
    for (const { type, direction } of reachableTypes(shapes, types)) defs[componentName(type, direction)] = shapeSchema(type.shape, direction, types, opts);
    for (const a of model.actions) {
      defs[`request.${a.name}`] = shapeSchema(a.request, 'request', types, opts);
      defs[`response.${a.name}`] = responseBodySchema(a, types, opts);
    }
    this.ajv.addSchema({ $id: ID, $defs: defs });
  }

  private get(key: string): ValidateFunction {
    let v = this.cache.get(key);
    if (!v) {
      v = this.ajv.getSchema(`${ID}#/$defs/${key}`);
      if (!v) throw new Error(`no schema ${key}`);
      this.cache.set(key, v);
    }
    return v;
  }

  request(action: Action): ValidateFunction {
    return this.get(`request.${action.name}`);
  }

  /** The object inside `Response` on success. */
  response(action: Action): ValidateFunction {
    return this.get(`response.${action.name}`);
  }
}
