// Everything `asr-contract build` writes, rendered in memory: a map from path to exact bytes.
// Deterministic by construction: emitters are pure and every map is built in a fixed order.
import { stringify as yamlStringify } from 'yaml';
import type { Model } from './model/types.js';
import { emitOpenApi } from './openapi/emit.js';
import { emitCollection } from './postman/emit.js';
import { liveEnvironment, localEnvironment } from './postman/environment.js';

export const GENERATED_DIR = 'generated';
export const OUTPUT_FILES = {
  openapiJson: `${GENERATED_DIR}/openapi.json`,
  openapiYaml: `${GENERATED_DIR}/openapi.yaml`,
  collection: `${GENERATED_DIR}/asr.postman_collection.json`,
  localEnvironment: `${GENERATED_DIR}/local.postman_environment.json`,
  liveEnvironment: `${GENERATED_DIR}/live.postman_environment.json`,
} as const;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export function renderOutputs(model: Model): Map<string, string> {
  const openapi = emitOpenApi(model);
  return new Map([
    [OUTPUT_FILES.openapiJson, json(openapi)],
    [OUTPUT_FILES.openapiYaml, yamlStringify(openapi, { lineWidth: 0, aliasDuplicateObjects: false })],
    [OUTPUT_FILES.collection, json(emitCollection(model))],
    [OUTPUT_FILES.localEnvironment, json(localEnvironment(model))],
    [OUTPUT_FILES.liveEnvironment, json(liveEnvironment(model))],
  ]);
}
