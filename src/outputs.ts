// Everything `asr-contract build` writes, rendered in memory: a map from path to exact bytes.
// Deterministic by construction: emitters are pure and every map is built in a fixed order.
import type { Model } from './model/types.js';
import { emitAsyncApi } from './asyncapi/emit.js';
import { emitOpenApi } from './openapi/emit.js';
import { emitCollection } from './postman/emit.js';
import { fixtureWav } from './collection/fixture-wav.js';
import { renderSpecFormat } from './spec-format/render.js';
import { emitTypes } from './typescript/emit.js';
import { documentYaml } from './yaml-output.js';
import { liveEnvironment, localEnvironment } from './postman/environment.js';
import { emitBruno } from './bruno/emit.js';

export { BRUNO_DIR, GENERATED_DIR, KIT_DOC_FILES, OUTPUT_FILES, OWNED_OUTPUTS } from './output-paths.js';
import { BRUNO_DIR, KIT_DOC_FILES, OUTPUT_FILES } from './output-paths.js';

/** Text files are strings; the audio fixture is bytes. */
export type OutputContent = string | Buffer;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export interface RenderOptions {
  /**
   * Also render the kit's own reference of the spec format (docs/spec-format.md). Only the kit's
   * checkout carries it: in a team's repository `docs/` is theirs, and the reference ships in the package.
   */
  kitDocs?: boolean;
}

export function renderOutputs(model: Model, options: RenderOptions = { kitDocs: true }): Map<string, OutputContent> {
  const openapi = emitOpenApi(model);
  const types = emitTypes(model);
  const files = new Map<string, OutputContent>([
    [OUTPUT_FILES.openapiJson, json(openapi)],
    [OUTPUT_FILES.openapiYaml, documentYaml('openapi', openapi as unknown as Record<string, unknown>)],
    [OUTPUT_FILES.collection, json(emitCollection(model))],
    [OUTPUT_FILES.localEnvironment, json(localEnvironment(model))],
    [OUTPUT_FILES.liveEnvironment, json(liveEnvironment(model))],
    [OUTPUT_FILES.asyncapi, documentYaml('asyncapi', emitAsyncApi(model) as Record<string, unknown>)],
    [OUTPUT_FILES.types, types],
    // A .d.ts in a `type: module` package is an ES module to TypeScript, which a CommonJS file compiled
    // with `module: node16` may not import, even for types only (TS1541); a .d.cts copy is CommonJS.
    [OUTPUT_FILES.typesCjs, types],
    [OUTPUT_FILES.flashAudio, fixtureWav()],
  ]);
  for (const [path, content] of emitBruno(model)) files.set(`${BRUNO_DIR}/${path}`, content);
  if (options.kitDocs) files.set(KIT_DOC_FILES.specFormat, renderSpecFormat());
  return files;
}
