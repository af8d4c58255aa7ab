// The code samples as the OpenAPI emitter writes them, per operation, for the sample tests, and
// the emulator and scratch folder those tests run them in.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { ModelValidators } from '../../src/model/validators.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { actionSamples } from '../../src/samples/api3/index.js';
import { endpointSamples } from '../../src/samples/flash/index.js';
import type { CodeSample } from '../../src/samples/types.js';
import { projectModel, startTestEmulator, type TestEmulator } from './emulator.js';

export interface OperationSamples {
  operation: string;
  samples: CodeSample[];
}

export function api3Samples(): OperationSamples[] {
  const model = projectModel();
  return model.actions.map((a) => ({ operation: a.name, samples: actionSamples(model, a) }));
}

export function flashSamples(): OperationSamples[] {
  return projectModel().endpoints.map((e) => ({ operation: e.name, samples: endpointSamples(e) }));
}

export function sampleOf(op: OperationSamples, label: string): CodeSample {
  const s = op.samples.find((x) => x.label === label);
  if (!s) throw new Error(`${op.operation} has no ${label} sample`);
  return s;
}

/** Replaces `from` with `to` exactly once: a sample whose endpoint line moved must fail loudly. */
export function swapOnce(source: string, from: string, to: string): string {
  const parts = source.split(from);
  if (parts.length !== 2) throw new Error(`expected ${JSON.stringify(from)} once in the sample, found it ${parts.length - 1} times`);
  return parts.join(to);
}

/**
 * A sample whose example names an id the emulator has never issued must get exactly the not-found
 * code of a resource kind the action looks up. Where that code is a generic one (it has a role,
 * such as InvalidParameterValue), the message must name the id field, not some other parameter.
 */
export function lookupMiss(action: string, code: string | undefined, message: string): string | undefined {
  const model = projectModel();
  const spec = model.actions.find((a) => a.name === action)!;
  const kinds = spec.emulator.steps.flatMap((s) => (s.op === 'find' ? [model.emulator.resources.find((r) => r.name === s.kind)!] : []));
  const kind = kinds.find((k) => k.notFound === code);
  if (!kind) return `${action}: expected ${kinds.map((k) => k.notFound).join(' or ') || 'success'}, got ${code}: ${message}`;
  const generic = model.errors.find((e) => e.code === code)?.role !== undefined;
  if (generic && !message.includes(kind.id.field)) return `${action}: ${code} is not about ${kind.id.field}: ${message}`;
  return undefined;
}

export interface SampleRig {
  em: TestEmulator;
  validators: ModelValidators;
  /** The samples' working folder, holding the flash audio as audio.wav. */
  dir: string;
}

/** For a test file: an emulator and a scratch folder, set up before its tests and removed after. */
export function sampleRig(prefix: string): SampleRig {
  const rig = { dir: mkdtempSync(join(tmpdir(), prefix)) } as SampleRig;
  beforeAll(async () => {
    rig.em = await startTestEmulator();
    rig.validators = ModelValidators.for(rig.em.model);
    copyFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.flashAudio), join(rig.dir, 'audio.wav'));
  });
  afterAll(async () => {
    await rig.em.close();
    rmSync(rig.dir, { recursive: true, force: true });
  });
  return rig;
}
