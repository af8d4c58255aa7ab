// ModelValidators skips ajv's meta-schema check at run time (it is slow and the document is
// generated); this is where the generated document is held to JSON Schema 2020-12 instead.
import { describe, expect, test } from 'vitest';
import { createAjv } from '../../src/model/ajv.js';
import { compileSpecDir } from '../../src/model/compile.js';
import { ModelValidators } from '../../src/model/validators.js';
import { join } from 'node:path';
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

  test('is compiled once per model, and once for a rebuilt model whose schemas did not change', () => {
    expect(ModelValidators.for(model)).toBe(validators);
    // build --watch compiles the specs again after every save; an unchanged schema reuses the validators.
    const rebuilt = compileSpecDir(PACKAGE_ROOT).model!;
    expect(rebuilt).not.toBe(model);
    expect(ModelValidators.for(rebuilt)).toBe(validators);
  });

  test('a model whose schemas differ gets validators of its own, which check its schemas', () => {
    const mini = compileSpecDir(join(PACKAGE_ROOT, 'test/fixtures/mini-spec')).model!;
    const own = ModelValidators.for(mini);
    expect(own).not.toBe(validators);
    expect(Object.keys((own.schema as { $defs: object }).$defs)).toContain('request.GetItem');
    expect(() => own.validator('request.CreateRecTask')).toThrow(/no schema request.CreateRecTask/);
    // And the project's schemas, compiled again after the mini spec, are the project's.
    const again = ModelValidators.for(compileSpecDir(PACKAGE_ROOT).model!);
    expect(again.schema).toEqual(validators.schema);
    expect(again.validator('request.CreateRecTask')({})).toBe(false);
  });
});
