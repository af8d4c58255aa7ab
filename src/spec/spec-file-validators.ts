// One ajv validator per spec-file kind, compiled from spec-file.schema.json at first use.
// The bundled CLI (scripts/build-dist.ts) swaps this module for ajv standalone code generated from
// the same schema and options, so a CLI run does not spend ~300 ms compiling a schema that only
// changes with the tool itself.
import { Ajv2020, type Options, type ValidateFunction } from 'ajv/dist/2020.js';
import specFileSchema from './spec-file.schema.json' with { type: 'json' };
import { FILE_KINDS, type FileKind } from './file-kinds.js';

// `verbose` gives errors their parentSchema, which the "allowed keys" hints read.
export const SPEC_FILE_AJV_OPTIONS: Options = { allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true };

export const specFileSchemaRef = (kind: FileKind): string => `${specFileSchema.$id}#/$defs/${kind}File`;

export function createSpecFileAjv(extra: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({ ...SPEC_FILE_AJV_OPTIONS, ...extra });
  ajv.addSchema(specFileSchema);
  return ajv;
}

let compiled: Record<FileKind, ValidateFunction> | undefined;

export function specFileValidators(): Record<FileKind, ValidateFunction> {
  if (!compiled) {
    const ajv = createSpecFileAjv();
    compiled = Object.fromEntries(FILE_KINDS.map((k) => [k, ajv.getSchema(specFileSchemaRef(k))!])) as Record<FileKind, ValidateFunction>;
  }
  return compiled;
}
