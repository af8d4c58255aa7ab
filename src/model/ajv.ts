// The one ajv 8 setup used in Node (spec checks, emulator, runner): JSON Schema 2020-12 with
// the standard formats plus the API's own integer and float formats.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isBase64 } from './base64.js';

// ajv-formats ships CommonJS; under NodeNext its default export is the module object.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

export function createAjv(): Ajv2020 {
  // strictRequired is off because rule branches (then: {required}) name properties declared by the parent.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateFormats: true, inlineRefs: false });
  addFormats(ajv);
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('uint64', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  // ajv-formats checks `byte` with a regular expression that dominated the emulator's profile on
  // inline audio (26 µs of a 145 µs SentenceRecognition call); this decodes natively instead.
  ajv.addFormat('byte', { type: 'string', validate: isBase64 });
  return ajv;
}

/** `/Data/TaskId must be integer`: the field and the rule, the way test failures should read. */
export function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath || '(root)';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${where === '(root)' ? '' : where}/${String(p.missingProperty)} is required but missing`;
    case 'additionalProperties':
      return `${where === '(root)' ? '' : where}/${String(p.additionalProperty)} is not a declared field`;
    case 'enum':
      return `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not':
      return `${where} must not match the error shape (it carries the envelope's error member)`;
    default:
      return `${where} ${e.message ?? 'is invalid'}`;
  }
}
