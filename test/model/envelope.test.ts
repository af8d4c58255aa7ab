// The envelope's member names live in specs/service.yaml like every other fact: rename them there
// and the emulator, the schemas, the OpenAPI document, the typings and the collection all follow.
import { describe, expect, test } from 'vitest';
import { compileSpecTexts } from '../../src/model/compile.js';
import type { Model } from '../../src/model/types.js';
import { ModelValidators } from '../../src/model/validators.js';
import { ApiError } from '../../src/mock/errors.js';
import { errorEnvelope, successEnvelope } from '../../src/mock/respond.js';
import { emitOpenApi } from '../../src/openapi/emit.js';
import { emitCollection } from '../../src/postman/emit.js';
import { contractData } from '../../src/collection/contract-data.js';
import { emitTypes } from '../../src/typescript/emit.js';
import { miniSpec } from '../helpers/spec-fixtures.js';

const RENAMED = { response: 'Answer', requestId: 'TraceId', error: 'Failure', code: 'Kind', message: 'Detail' };

function renamedModel(): Model {
  const texts = miniSpec().map((t) => {
    if (t.path.endsWith('/service.yaml')) {
      return { ...t, text: t.text.replace(/envelope:\n(?: {2}.+\n)+/, `envelope:\n${Object.entries(RENAMED).map(([k, v]) => `  ${k}: ${v}\n`).join('')}`) };
    }
    return { ...t, text: t.text.replaceAll('RequestId:', 'TraceId:') };
  });
  const r = compileSpecTexts(texts);
  expect(r.diagnostics).toEqual([]);
  return r.model!;
}

describe('envelope member names come from specs/service.yaml', () => {
  const model = renamedModel();
  const action = model.actions[0]!;

  test('the model carries them', () => {
    expect(model.service.envelope).toEqual(RENAMED);
  });

  test('the emulator answers in them', () => {
    expect(Object.keys(successEnvelope(model, { Data: 1 }))).toEqual(['Answer']);
    expect(Object.keys((successEnvelope(model, { Data: 1 }).Answer as object))).toEqual(['Data', 'TraceId']);
    const failed = errorEnvelope(model, new ApiError(model.errors[0]!.code), 'en-US') as { Answer: { Failure: object } };
    expect(Object.keys(failed.Answer)).toEqual(['Failure', 'TraceId']);
    expect(Object.keys(failed.Answer.Failure)).toEqual(['Kind', 'Detail']);
  });

  test('response validators require the request id and refuse the error shape by those names', () => {
    const validate = ModelValidators.for(model).response(action);
    expect(validate({ Data: { Id: 1, Label: 'one' }, TraceId: 'x' })).toBe(true);
    expect(validate({ Data: { Id: 1, Label: 'one' }, RequestId: 'x' })).toBe(false);
    expect(validate({ Data: { Id: 1, Label: 'one' }, TraceId: 'x', Failure: {} })).toBe(false);
  });

  test('OpenAPI, the typings and the collection use them', () => {
    const schemas = emitOpenApi(model).components!.schemas! as Record<string, { required?: string[]; properties?: Record<string, { required?: string[] }> }>;
    expect(schemas.ErrorEnvelope!.required).toEqual(['Answer']);
    expect(schemas.ErrorEnvelope!.properties!.Answer!.required).toEqual(['Failure', 'TraceId']);
    expect(schemas.Error!.required).toEqual(['Kind', 'Detail']);
    expect(schemas[`${action.name}Envelope`]!.required).toEqual(['Answer']);
    expect(emitTypes(model)).toContain('  TraceId: string;');
    expect(JSON.parse(contractData(model, 'generated/fixtures/flash-sample.wav')).api3.envelope).toEqual(RENAMED);
    const text = JSON.stringify(emitCollection(model));
    expect(text).toContain('\\"Answer\\": {');
    expect(text).not.toContain('RequestId');
  });
});
