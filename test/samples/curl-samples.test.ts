// The curl samples sign in the shell with openssl; run them, as written, against the emulator with
// only the endpoint changed (host and scheme). This proves the shell TC3 and flash signatures, not
// just their text. Same rule as node-samples.test.ts for examples that name an unknown id.
import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { describeAjvError } from '../../src/model/ajv.js';
import { api3Samples, flashSamples, lookupMiss, sampleOf, sampleRig, swapOnce } from '../helpers/samples.js';
import { hasTool } from '../helpers/toolchain.js';

const HAS_SHELL_TOOLS = hasTool('bash', ['--version']) && hasTool('openssl', ['version']) && hasTool('curl', ['--version']);
const rig = sampleRig('asr-curl-samples-');

function bash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const local = rig.em.model.service.local;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: rig.dir, env: { PATH: process.env.PATH, TENCENTCLOUD_SECRET_ID: local.secretId, TENCENTCLOUD_SECRET_KEY: local.secretKey, TENCENTCLOUD_APPID: local.appId } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!HAS_SHELL_TOOLS)('curl samples against the emulator', () => {
  test.each(api3Samples().map((op) => [op.operation, op] as const))('%s · the curl sample is signed right and gets a contract answer', async (action, op) => {
    const host = rig.em.model.service.endpoints[0]!.host;
    let script = swapOnce(sampleOf(op, 'curl').source, `host=${host} `, `host=127.0.0.1:${rig.em.port} `);
    script = swapOnce(script, '"https://$host/"', '"http://$host/"');
    const run = await bash(script);
    expect(run.code, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout);
    const spec = rig.em.model.actions.find((a) => a.name === action)!;
    const error = body.Response?.Error as { Code: string; Message: string } | undefined;
    if (!error) {
      const validate = rig.validators.response(spec);
      expect(validate(body.Response), (validate.errors ?? []).map(describeAjvError).join('; ')).toBe(true);
      return;
    }
    expect(lookupMiss(action, error.Code, error.Message)).toBeUndefined();
  });

  test.each(flashSamples().map((op) => [op.operation, op] as const))('%s · the curl sample recognises the fixture', async (name, op) => {
    const e = rig.em.model.endpoints.find((x) => x.name === name)!;
    let script = swapOnce(sampleOf(op, 'curl').source, `host=${e.host} `, `host=127.0.0.1:${rig.em.port} `);
    script = swapOnce(script, '"https://', '"http://');
    const run = await bash(script);
    expect(run.code, run.stderr).toBe(0);
    const body = JSON.parse(run.stdout);
    const validate = rig.validators.surface(`response.${name}`);
    expect(validate(body), (validate.errors ?? []).map(describeAjvError).join('; ')).toBe(true);
    expect(body[e.statusField], run.stdout).toBe(0);
  });
});
