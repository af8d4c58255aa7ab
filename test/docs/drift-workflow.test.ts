// The weekly drift job of docs/own-contract.md, run step by step as GitHub would run it, twice: the
// first week that finds drift opens one issue, the next updates that same issue instead of opening
// another. Only the two outside services are stand-ins: `npm install` (the registry) lays down an SDK
// release that dropped a field, and `gh` (GitHub) keeps issues in a file. asr-contract itself is real.
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { sdkDirectory } from '../../src/drift/sdk-declarations.js';
import { scenarioBlocks } from '../helpers/doc-blocks.js';
import { userEnv } from '../helpers/packed-kit.js';
import { runWorkflow } from '../helpers/workflow-runner.js';

const work = mkdtempSync(join(tmpdir(), 'asr-drift-job-'));
const repo = join(work, 'repo');
const bin = join(work, 'bin');
const issues = join(work, 'issues.json');
const npmCalls = join(work, 'npm-calls.txt');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const [block] = scenarioBlocks('drift-workflow');
const workflow = block!.text;

/** `npm install` as the registry would serve it: an SDK whose CreateRecTaskRequest lost ReplaceTextId (or not). */
function writeStubs(drifting: boolean): void {
  const { dir } = sdkDirectory(PACKAGE_ROOT);
  const fake = join(work, 'sdk');
  const models = join(fake, 'tencentcloud/services/asr/v20190614');
  rmSync(fake, { recursive: true, force: true });
  mkdirSync(models, { recursive: true });
  writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: 'tencentcloud-sdk-nodejs-asr', version: '9.9.9' }));
  cpSync(join(dir, 'asr_client.d.ts'), join(models, 'asr_client.d.ts'));
  const text = readFileSync(join(dir, 'asr_models.d.ts'), 'utf8');
  writeFileSync(join(models, 'asr_models.d.ts'), drifting ? text.replace(/(export interface CreateRecTaskRequest \{[\s\S]*?)    ReplaceTextId\?: string;\n/, '$1') : text);
  const sh = (name: string, body: string): void => {
    writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  sh('npm', `echo "$*" >> "${npmCalls}"\nif [ "$1" = install ]; then rm -rf node_modules/tencentcloud-sdk-nodejs-asr; mkdir -p node_modules; cp -r "${fake}" node_modules/tencentcloud-sdk-nodejs-asr; fi`);
  sh('npx', `if [ "$1" = asr-contract ]; then shift; exec "${process.execPath}" "${join(PACKAGE_ROOT, 'bin/asr-contract.js')}" "$@"; fi\necho "npx $1: not available here" >&2; exit 127`);
  // gh issue list/create/edit over a JSON file, for the calls the workflow makes.
  sh(
    'gh',
    `exec "${process.execPath}" -e '
const fs = require("fs"); const file = ${JSON.stringify(issues)};
const all = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : [];
const a = process.argv.slice(1); const opt = (n) => a[a.indexOf(n) + 1];
if (!process.env.GH_TOKEN) { console.error("gh: GH_TOKEN is not set"); process.exit(4); }
if (a[0] === "issue" && a[1] === "list") {
  const title = /in:title "([^"]+)"/.exec(opt("--search"))[1];
  const open = all.filter((i) => i.state === "open" && i.title.includes(title));
  if (opt("--jq") === ".[0].number") console.log(open[0] ? open[0].number : "");
} else if (a[0] === "issue" && a[1] === "create") {
  all.push({ number: all.length + 1, title: opt("--title"), body: fs.readFileSync(opt("--body-file"), "utf8"), state: "open", edits: 0 });
} else if (a[0] === "issue" && a[1] === "edit") {
  const i = all.find((x) => x.number === Number(a[2])); i.body = fs.readFileSync(opt("--body-file"), "utf8"); i.edits++;
} else { console.error("gh: unexpected call " + a.join(" ")); process.exit(2); }
fs.writeFileSync(file, JSON.stringify(all));' -- "$@"`,
  );
}

async function week(): Promise<Awaited<ReturnType<typeof runWorkflow>>> {
  rmSync(join(repo, 'node_modules'), { recursive: true, force: true });
  return runWorkflow(workflow, { cwd: repo, env: userEnv({ PATH: `${bin}:${process.env.PATH}` }), github: { token: 'gh-test-token' } });
}

const readIssues = (): { number: number; title: string; body: string; state: string; edits: number }[] => (existsSync(issues) ? JSON.parse(readFileSync(issues, 'utf8')) : []);

beforeAll(() => {
  mkdirSync(bin);
  mkdirSync(repo);
  cpSync(join(PACKAGE_ROOT, 'specs'), join(repo, 'specs'), { recursive: true });
  writeFileSync(join(repo, 'package.json'), '{"name":"team","private":true}\n');
});

describe('the weekly drift workflow', () => {
  test('may write issues, and installs what drift reads with', () => {
    const wf = parseYaml(workflow) as { permissions?: Record<string, string> };
    expect(wf.permissions).toMatchObject({ issues: 'write', contents: 'read' });
  });

  test('with no drift it opens no issue', async () => {
    writeStubs(false);
    const r = await week();
    expect(r.steps.find((s) => s.step.includes('asr-contract drift'))).toMatchObject({ ran: true, code: 0 });
    expect(readIssues()).toEqual([]);
    expect(readFileSync(npmCalls, 'utf8')).toMatch(/^install --no-save typescript@5 tencentcloud-sdk-nodejs-asr@latest$/m);
  }, 120_000);

  test('drift opens one issue, and the next week updates it instead of opening another', async () => {
    writeStubs(true);
    const first = await week();
    expect(first.steps.find((s) => s.step.includes('asr-contract drift'))).toMatchObject({ ran: true, code: 1 });
    expect(first.steps.at(-1)).toMatchObject({ ran: true, code: 0 });
    expect(readIssues()).toMatchObject([{ number: 1, title: 'ASR API drift', state: 'open', edits: 0 }]);
    expect(readIssues()[0]!.body).toContain('CreateRecTask.request.ReplaceTextId');

    const second = await week();
    expect(second.steps.at(-1)).toMatchObject({ ran: true, code: 0 });
    expect(readIssues()).toMatchObject([{ number: 1, edits: 1 }]);
  }, 240_000);
});
