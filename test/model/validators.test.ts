// ModelValidators skips ajv's meta-schema check at run time (it is slow and the document is
// generated); this is where the generated document is held to JSON Schema 2020-12 instead.
import { describe, expect, test } from 'vitest';
import { createAjv } from '../../src/model/ajv.js';
import { compileSpecDir } from '../../src/model/compile.js';
import { ModelValidators } from '../../src/model/validators.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

describe('the schema document behind ModelValidators', () => {
  const model = compileSpecDir(PACKAGE_ROOT).model!;
  const validators = ModelValidators.for(model);

  test('is valid JSON Schema 2020-12, every definition of it', () => {
    const ajv = createAjv();
    const valid = ajv.validateSchema(validators.schema);
    expect(ajv.errorsText(ajv.errors), 'meta-schema errors').toBe('No errors');
    expect(valid).toBe(true);
    expect(Object.keys((validators.schema as { $defs: object }).$defs).length).toBeGreaterThan(100);
  });

  test('the meta-schema check would catch a malformed definition', () => {
    const ajv = createAjv();
    const broken = { ...validators.schema, $defs: { ...(validators.schema as { $defs: object }).$defs, bad: { type: 'integr', minimum: '0' } } };
    expect(ajv.validateSchema(broken)).toBe(false);
  });

  test('is compiled once per model and shared', () => {
    expect(ModelValidators.for(model)).toBe(validators);
    expect(ModelValidators.for(compileSpecDir(PACKAGE_ROOT).model!)).not.toBe(validators);
  });
});
