// Every Node.js sample runs, as written, against the emulator; only the endpoint changes (the
// emulator speaks plain HTTP on loopback). An API 3.0 answer must match the action's schema. A
// sample whose example names a resource by id (a task, a table) meets an emulator that has never
// seen that id: it must then get exactly that resource kind's not-found code, which proves it was
// signed and its parameters were accepted.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { describeAjvError } from '../../src/model/ajv.js';
import { api3Samples, flashSamples, lookupMiss, sampleOf, sampleRig, swapOnce } from '../helpers/samples.js';

const rig = sampleRig('asr-node-samples-');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runNode(name: string, source: string): Promise<Run> {
  const file = join(rig.dir, `${name}.cjs`);
  writeFileSync(file, source);
  const local = rig.em.model.service.local;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      cwd: rig.dir,
      // NODE_PATH lets the sample's require() find this checkout's SDK from the temp dir.
      env: { PATH: process.env.PATH, NODE_PATH: join(PACKAGE_ROOT, 'node_modules'), TENCENTCLOUD_SECRET_ID: local.secretId, TENCENTCLOUD_SECRET_KEY: local.secretKey, TENCENTCLOUD_APPID: local.appId },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('Node.js samples against the emulator', () => {
  test.each(api3Samples().map((op) => [op.operation, op] as const))('%s · the Node.js sample gets a valid answer, or the not-found code of the id it names', async (action, op) => {
    const host = rig.em.model.service.endpoints[0]!.host;
    const source = swapOnce(sampleOf(op, 'Node.js').source, `endpoint: ${JSON.stringify(host)}`, `endpoint: "127.0.0.1:${rig.em.port}", protocol: "http://"`);
    const run = await runNode(action, source);
    const spec = rig.em.model.actions.find((a) => a.name === action)!;
    if (run.code === 0) {
      const body = JSON.parse(run.stdout);
      const validate = rig.validators.response(spec);
      expect(validate(body), (validate.errors ?? []).map(describeAjvError).join('; ')).toBe(true);
    } else {
      expect(lookupMiss(action, /code: '([^']+)'/.exec(run.stderr)?.[1], run.stderr)).toBeUndefined();
    }
  });

  test.each(flashSamples().map((op) => [op.operation, op] as const))('%s · the Node.js sample recognises the fixture', async (name, op) => {
    const e = rig.em.model.endpoints.find((x) => x.name === name)!;
    let source = swapOnce(sampleOf(op, 'Node.js').source, `const host = ${JSON.stringify(e.host)};`, `const host = "127.0.0.1:${rig.em.port}";`);
    source = swapOnce(source, 'https://', 'http://');
    const run = await runNode(name, source);
    expect(run.code, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout);
    const validate = rig.validators.surface(`response.${name}`);
    expect(validate(body), (validate.errors ?? []).map(describeAjvError).join('; ')).toBe(true);
    expect(body[e.statusField]).toBe(0);
  });
});
