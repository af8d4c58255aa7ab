// ajv 8 validators for every action's request and response body, compiled from one schema document
// so that shared types are compiled once, not once per action. Used by the spec checks, the
// emulator and the runner alike.
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from './ajv.js';
import { allShapes, componentName, reachableTypes, responseBodySchema, shapeSchema, typeIndex, type JsonSchema, type SchemaOptions } from './schema.js';
import type { Action, Model, Shape } from './types.js';

const ID = 'urn:asr-contract:model';

const shared = new WeakMap<Model, ModelValidators>();

export class ModelValidators {
  /** One compiled set per model: the spec checks and the emitters of one build share it. */
  static for(model: Model): ModelValidators {
    let v = shared.get(model);
    if (!v) shared.set(model, (v = new ModelValidators(model)));
    return v;
  }

  private readonly ajv = createAjv();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(model: Model) {
    const types = typeIndex(model);
    const opts: SchemaOptions = { dialect: '2020-12', annotations: false, ref: (name) => `#/$defs/${name}` };
    const defs: Record<string, JsonSchema> = {};
    for (const { type, direction } of reachableTypes(allShapes(model), types)) defs[componentName(type, direction)] = shapeSchema(type.shape, direction, types, opts);
    for (const a of model.actions) {
      defs[`request.${a.name}`] = shapeSchema(a.request, 'request', types, opts);
      defs[`response.${a.name}`] = responseBodySchema(a, types, opts);
    }
    // Non-API-3.0 surfaces: queries and payloads are open (the service tolerates extra parameters).
    for (const e of model.endpoints) {
      defs[`query.${e.name}`] = { ...shapeSchema(e.query, 'request', types, opts), additionalProperties: true };
      defs[`response.${e.name}`] = shapeSchema(e.response, 'response', types, opts);
    }
    for (const c of model.channels) {
      defs[`query.${c.name}`] = { ...shapeSchema(c.query, 'request', types, opts), additionalProperties: true };
      for (const m of c.messages) if (m.payload) defs[`message.${c.name}.${m.name}`] = shapeSchema(m.payload, m.direction === 'send' ? 'request' : 'response', types, opts);
    }
    for (const cb of model.callbacks) {
      defs[`body.${cb.name}`] = shapeSchema(cb.body, 'response', types, opts);
      defs[`reply.${cb.name}`] = shapeSchema(cb.reply.shape, 'response', types, opts);
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

  /** `query.<endpoint|channel>`, `response.<endpoint>`, `message.<channel>.<message>`, `body.<callback>`, `reply.<callback>`. */
  surface(key: string): ValidateFunction {
    return this.get(key);
  }
}
