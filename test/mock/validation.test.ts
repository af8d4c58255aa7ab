// Parameter validation from the model's schemas, in the service's codes, naming the parameter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { callTc3 } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { FIXTURES } from '../helpers/spec-fixtures.js';

interface Case {
  action: string;
  title: string;
  params?: Record<string, unknown>;
  raw?: string;
  rawBase64?: string;
  method?: 'GET';
  contentType?: string;
  /** `rule`: what the en-US message must say about the rule that broke. */
  expect: { code: string; param: string; rule: string };
}
const cases = parse(readFileSync(join(FIXTURES, 'emulator/validation-cases.yaml'), 'utf8')) as Case[];

/** `{repeat: "A", times: N}` builds large values without putting them in the fixture. */
function expand(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(expand);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('repeat' in o && 'times' in o) return String(o.repeat).repeat(Number(o.times));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, expand(x)]));
  }
  return v;
}

let em: TestEmulator;
beforeAll(async () => {
  em = await startTestEmulator();
});
afterAll(() => em.close());

describe('emulator parameter validation', () => {
  test.each(cases.map((c) => [`${c.action} · ${c.title} → ${c.expect.code}`, c] as const))('%s', async (_name, c) => {
    const body = c.rawBase64 !== undefined ? Buffer.from(c.rawBase64, 'base64') : (c.raw ?? expand(c.params ?? {}));
    const r = await callTc3(em.url, c.action, body, { language: 'en-US', ...(c.method ? { method: c.method } : {}), ...(c.contentType ? { contentType: c.contentType } : {}) });
    expect(r.json.Response.Error?.Code).toBe(c.expect.code);
    expect(r.json.Response.Error?.Message).toContain(`\`${c.expect.param}\``);
    expect(r.json.Response.Error?.Message).toContain(c.expect.rule);
  });
});
