// The model against Tencent's own definitions: the pinned SDK's declarations always, the tccli
// api.json from ../shared when present. Zero findings means every action and field, its type,
// required flag, nullability and deprecation agree.
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { compareReferences } from '../../src/drift/compare.js';
import { modelAsReference } from '../../src/drift/reference.js';
import { readSdkDeclarations } from '../../src/drift/sdk-declarations.js';
import { readTccliApi } from '../../src/drift/tccli-api.js';
import { compileSpecDir } from '../../src/model/compile.js';
import type { Model } from '../../src/model/types.js';
import { HAS_SHARED, referencePath, SKIP_REASON } from '../helpers/shared.js';

const model = compileSpecDir(PACKAGE_ROOT).model as Model;

describe('fidelity to Tencent definitions', () => {
  test('the specs declare all 33 actions', () => {
    expect(model.actions).toHaveLength(33);
  });

  test('tencentcloud-sdk-nodejs-asr declarations: every action, field, required flag and deprecation agree', async () => {
    const sdk = await readSdkDeclarations(PACKAGE_ROOT, model.service.envelope.requestId);
    expect(sdk.actions.size).toBe(33);
    expect(compareReferences(modelAsReference(model), sdk)).toEqual([]);
  });

  test.skipIf(!HAS_SHARED)(`tccli api.json: also integer/number, presence and nullability agree ${HAS_SHARED ? '' : SKIP_REASON}`, () => {
    const api = readTccliApi(referencePath('tencentcloud-asr-2019-06-14/api.json'), model.service.envelope.requestId);
    expect(compareReferences(modelAsReference(model), api)).toEqual([]);
  });

  test('a comparison notices a removed field, a flipped flag and a changed type', async () => {
    const sdk = await readSdkDeclarations(PACKAGE_ROOT, model.service.envelope.requestId);
    const ours = modelAsReference(model);
    const rec = ours.actions.get('CreateRecTask')!;
    rec.request.fields.delete('Url');
    rec.request.fields.get('ChannelNum')!.required = false;
    rec.request.fields.get('EngineModelType')!.kind = 'integer';
    ours.types.get('HotWord')!.fields.get('Weight')!.deprecated = true;
    expect(compareReferences(ours, sdk)).toEqual([
      { kind: 'required-mismatch', where: 'CreateRecTask.request.ChannelNum', specs: 'optional', reference: 'required' },
      { kind: 'type-mismatch', where: 'CreateRecTask.request.EngineModelType', specs: 'number', reference: 'string' },
      { kind: 'field-only-in-reference', where: 'CreateRecTask.request.Url' },
      { kind: 'deprecated-mismatch', where: 'types.HotWord.Weight', specs: 'deprecated', reference: 'current' },
    ]);
  });
});
