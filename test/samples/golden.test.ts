// The forms this machine cannot compile or run (Java, .NET, C++, tccli, and the Java speech SDK)
// are held in golden files, one per form, so any change to what they say shows up in review.
// `npx vitest run test/samples/golden.test.ts -u` rewrites them after an intended change.
import { describe, expect, test } from 'vitest';
import { CREDENTIAL_ENV } from '../../src/samples/types.js';
import { projectModel } from '../helpers/emulator.js';
import { api3Samples, flashSamples, type OperationSamples } from '../helpers/samples.js';

const API3_FORMS = ['Node.js', 'Python', 'Go', 'Java', 'PHP', '.NET', 'C++', 'tccli', 'curl'];
const FLASH_FORMS = ['Node.js', 'Python (speech SDK)', 'Go (speech SDK)', 'Java (speech SDK)', 'curl'];
const GOLDEN = [
  ['api3', 'Java'],
  ['api3', '.NET'],
  ['api3', 'C++'],
  ['api3', 'tccli'],
  ['api3', 'curl'],
  ['flash', 'Java (speech SDK)'],
  ['flash', 'curl'],
] as const;

const fileName = (surface: string, label: string): string => `./golden/${surface}-${label.toLowerCase().replace(/\+/g, 'p').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.txt`;

function joined(ops: OperationSamples[], label: string): string {
  return ops.map((op) => `### ${op.operation}\n${op.samples.find((s) => s.label === label)!.source}`).join('\n');
}

describe('code samples', () => {
  test('every API 3.0 action has the nine forms, and flash its own five', () => {
    const api3 = api3Samples();
    expect(api3).toHaveLength(projectModel().actions.length);
    for (const op of api3) expect(op.samples.map((s) => s.label), op.operation).toEqual(API3_FORMS);
    for (const op of flashSamples()) expect(op.samples.map((s) => s.label), op.operation).toEqual(FLASH_FORMS);
  });

  test('credentials come from the environment, never inline', () => {
    const local = projectModel().service.local;
    for (const op of [...api3Samples(), ...flashSamples()]) {
      for (const s of op.samples) {
        const where = `${op.operation} · ${s.label}`;
        expect(s.source, where).toContain(CREDENTIAL_ENV.secretId);
        expect(s.source, where).toContain(CREDENTIAL_ENV.secretKey);
        expect(s.source, where).not.toContain(local.secretKey);
        expect(s.source, where).not.toMatch(/AKID[A-Za-z0-9]{10,}/);
      }
    }
  });

  test('each sample passes its action\'s example parameters', () => {
    const model = projectModel();
    for (const op of api3Samples()) {
      const params = model.actions.find((a) => a.name === op.operation)!.examples[0]!.request;
      for (const key of Object.keys(params)) for (const s of op.samples) expect(s.source, `${op.operation} · ${s.label}`).toContain(key);
    }
  });

  test.each(GOLDEN)('%s %s samples match their golden file', async (surface, label) => {
    await expect(joined(surface === 'api3' ? api3Samples() : flashSamples(), label)).toMatchFileSnapshot(fileName(surface, label));
  });
});
