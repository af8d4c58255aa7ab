// The files `asr-contract build` writes. Kept apart from outputs.ts so emitters can name them
// (the flash requests point at the audio fixture) without importing every emitter.
export const GENERATED_DIR = 'generated';
export const OUTPUT_FILES = {
  openapiJson: `${GENERATED_DIR}/openapi.json`,
  openapiYaml: `${GENERATED_DIR}/openapi.yaml`,
  collection: `${GENERATED_DIR}/asr.postman_collection.json`,
  localEnvironment: `${GENERATED_DIR}/local.postman_environment.json`,
  liveEnvironment: `${GENERATED_DIR}/live.postman_environment.json`,
  asyncapi: `${GENERATED_DIR}/asyncapi.yaml`,
  types: `${GENERATED_DIR}/types.d.ts`,
  /** The same declarations for CommonJS consumers (`module: node16`/`nodenext` resolve `require` to it). */
  typesCjs: `${GENERATED_DIR}/types.d.cts`,
  flashAudio: `${GENERATED_DIR}/fixtures/flash-sample.wav`,
} as const;

/**
 * What the kit's own checkout builds besides its contract: the reference of the spec format, the same
 * for every contract. A team's contract does not get it (their docs/ is theirs); the package ships it.
 */
export const KIT_DOC_FILES = {
  specFormat: 'docs/spec-format.md',
} as const;

/** The Bruno collection (generated/bruno/), which `asr-contract build` writes whole. */
export const BRUNO_DIR = `${GENERATED_DIR}/bruno`;
/** The folder of the Bruno collection that holds its precompiled response validators (src/bruno/validators.ts). */
export const BRUNO_VALIDATORS_FOLDER = 'validators';

/**
 * Folders whose files of a kind are all the build's: Bruno runs every .yml file in its collection, so
 * one that a renamed case left behind would still run; a validator of a removed action would linger.
 * `build` removes such a file, `build --check` reports it.
 */
export const OWNED_OUTPUTS: readonly { dir: string; ext: string }[] = [
  { dir: BRUNO_DIR, ext: '.yml' },
  { dir: `${BRUNO_DIR}/${BRUNO_VALIDATORS_FOLDER}`, ext: '.cjs' },
];
