// openapi-to-postmanv2 reads the document as the guide says (docs/other-teams.md): its command, run as written,
// converts all 33 actions with their own X-TC-Action value (not `<string>`), and sends flash to its
// own host rather than {{baseUrl}}.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { projectModel } from '../helpers/emulator.js';
import { scenarioCommand } from '../helpers/doc-blocks.js';

interface Item {
  name: string;
  item?: Item[];
  request?: { header?: { key: string; value: string }[]; url: { hash?: string; host?: string[]; path?: string[] } };
}

const scratch = join(PACKAGE_ROOT, '.tmp');
mkdirSync(scratch, { recursive: true });
const dir = mkdtempSync(join(scratch, 'openapi2postman-'));
let requests: Item[] = [];

beforeAll(() => {
  mkdirSync(join(dir, 'generated'));
  copyFileSync(join(PACKAGE_ROOT, OUTPUT_FILES.openapiJson), join(dir, OUTPUT_FILES.openapiJson));
  const command = scenarioCommand('openapi-to-postman', 'npx openapi2postmanv2 ');
  const r = spawnSync('bash', ['-c', command], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed:\n${r.stdout}${r.stderr}`);
  const output = /-o (\S+)/.exec(command)![1]!;
  const collection = JSON.parse(readFileSync(join(dir, output), 'utf8')) as { item: Item[] };
  const walk = (i: Item): Item[] => (i.item ? i.item.flatMap(walk) : [i]);
  requests = collection.item.flatMap(walk);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openapi-to-postmanv2 output', () => {
  test('33/33 actions carry their own X-TC-Action value', () => {
    const model = projectModel();
    const sent = requests
      .filter((r) => r.request?.url.hash?.startsWith('X-TC-Action='))
      .map((r) => ({ operation: r.request!.url.hash!.slice('X-TC-Action='.length), header: r.request!.header?.find((h) => h.key === 'X-TC-Action')?.value }));
    expect(sent.map((s) => s.operation).sort()).toEqual(model.actions.map((a) => a.name).sort());
    for (const s of sent) expect(s.header, s.operation).toBe(s.operation);
  });

  test('flash goes to its own host', () => {
    const e = projectModel().endpoints[0]!;
    const flash = requests.filter((r) => r.request?.url.path?.join('/').startsWith('asr/flash/'));
    expect(flash).toHaveLength(1);
    expect(flash[0]!.request!.url.host!.join('.')).toBe(e.host);
  });
});
