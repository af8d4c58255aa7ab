// The kit in a team's own repository, as the README and docs/own-contract.md tell a team to use it:
// packed with `npm pack`, installed into a new project outside this checkout (the docs' own install
// lines, run as written), and every `project`, `owned` and `workflow` block of the docs run there.
// Also what issue 17 promises of that project: nothing is ever written inside node_modules, a field
// added to one spec reaches every output and the emulator, and the types compile for every consumer.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { currentDist } from '../../bin/dist-freshness.js';
import { distinct, docBlocks, recipe, scenarioBlocks, type DocBlock } from '../helpers/doc-blocks.js';
import { bash, leftBehind, scriptFor, stopDetached, usesDefaultPort, withDefaultPort } from '../helpers/doc-run.js';
import { copyProject, newProject, treeHash, tsc, userEnv, writeInto } from '../helpers/packed-kit.js';
import { runWorkflow } from '../helpers/workflow-runner.js';
import { createRequire } from 'node:module';
import { LOCAL } from '../helpers/api3-client.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const { asr } = createRequire(import.meta.url)('tencentcloud-sdk-nodejs-asr') as any;
const VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TARBALL = `asr-contract-${VERSION}.tgz`;
const work = mkdtempSync(join(tmpdir(), 'asr-team-'));
/** The layout the docs assume: the kit's checkout beside the team's repository. */
const kit = join(work, 'asr-contract');
const template = join(work, 'template');
const ownedTemplate = join(work, 'owned-template');
const env = userEnv();
const blocks = docBlocks();
const where = (b: DocBlock): string => `${b.file}:${b.line}`;
let packageHash = '';
let copies = 0;

const installed = (dir: string): string => join(dir, 'node_modules/asr-contract');
const fresh = (from: string): string => copyProject(from, join(work, `p${++copies}`));

/** A bash line in a project, which must succeed. */
async function sh(dir: string, line: string): Promise<string> {
  const r = await bash(`set -e -o pipefail\n${line}\n`, dir, env);
  expect(r.code, `${line}\n${r.out.slice(-3000)}`).toBe(0);
  return r.out;
}

beforeAll(async () => {
  symlinkSync(PACKAGE_ROOT, kit);
  // The docs' install: `npm pack` in the kit's checkout, then the README's install line in the team's project.
  const packs = scenarioBlocks('packed-kit');
  const pack = packs.find((b) => /^npm pack\b/.test(b.text));
  const installs = packs.filter((b) => b !== pack);
  expect(new Set(installs.map((b) => b.text))).toEqual(new Set([`npm install --save-dev ../asr-contract/${TARBALL}`]));
  try {
    await sh(kit, pack!.text);
    newProject(template);
    await sh(template, installs[0]!.text);
  } finally {
    rmSync(join(PACKAGE_ROOT, TARBALL), { force: true });
  }
  packageHash = treeHash(installed(template));
  copyProject(template, ownedTemplate);
  await sh(ownedTemplate, 'npx asr-contract init');
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

/** Runs a block in a fresh copy of a project; nothing inside node_modules/asr-contract may change. */
async function runIn(from: string, b: DocBlock): Promise<string> {
  const dir = fresh(from);
  const go = async (): Promise<void> => {
    try {
      const earlier = blocks.filter((x) => x.file === b.file && x.line < b.line);
      const r = await bash(scriptFor(b, earlier), dir, env);
      expect(b.run!.exit, r.out.slice(-3000)).toContain(r.code);
      expect(await leftBehind(b, r.out, dir)).toEqual([]);
    } finally {
      await stopDetached(dir);
    }
  };
  await (usesDefaultPort(b) ? withDefaultPort(go) : go());
  expect(treeHash(installed(dir)), 'something was written inside node_modules/asr-contract').toBe(packageHash);
  // What a command writes lands in the project: the docs page, the reports.
  if (/asr-contract docs\b/.test(b.text)) expect(readFileSync(join(dir, 'generated/docs/index.html'), 'utf8')).toContain('SentenceRecognition');
  if (/asr-contract test\b/.test(b.text)) expect(existsSync(join(dir, 'reports/contract/contract-summary.json'))).toBe(true);
  return dir;
}

describe('the packed kit installed into a team project', () => {
  test('the package carries what a user needs and nothing else', () => {
    const pkg = installed(template);
    for (const need of ['bin/asr-contract.js', 'dist/manifest.json', 'specs/service.yaml', 'generated/openapi.json', 'generated/types.d.cts', 'src/postman/sandbox', 'docs/spec-format.md', 'README.md', 'LICENSE']) expect(existsSync(join(pkg, need)), need).toBe(true);
    for (const not of ['test', 'bench', 'scripts', '.ci', 'generated/docs', 'vitest.config.ts', 'tsconfig.json']) expect(existsSync(join(pkg, not)), not).toBe(false);
    expect(currentDist(pkg), 'the bundled CLI is current').toBeDefined();
    const meta = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ repository: expect.anything(), keywords: expect.arrayContaining(['tencent-cloud', 'asr']), engines: { node: expect.stringMatching(/>=20/) } });
  });

  describe('the docs\' commands for a team project', () => {
    const project = blocks.filter((b) => b.run?.context === 'project');
    const owned = blocks.filter((b) => b.run?.context === 'owned');
    test.each(distinct(project).map((d) => [d.where, d.block] as const))('%s runs as written, with the package\'s contract', async (_, b) => void (await runIn(template, b)), 300_000);
    test.each(distinct(owned).map((d) => [d.where, d.block] as const))('%s runs as written, with a contract of its own', async (_, b) => void (await runIn(ownedTemplate, b)), 300_000);
  });

  describe('the CI workflows a team copies', () => {
    const workflows = blocks.filter((b) => b.run?.context === 'workflow');
    test.each(workflows.flatMap((b) => [[where(b), 'the package\'s contract', template, b] as const, [where(b), 'a contract of its own', ownedTemplate, b] as const]))(
      '%s works as it is, with %s',
      async (_, _kind, from, b) => {
        const dir = fresh(from);
        const r = await runWorkflow(b.text, { cwd: dir, env });
        const failed = r.steps.filter((s) => s.ran && s.code !== 0);
        expect(failed.map((s) => `${s.job} › ${s.step}: ${s.out?.slice(-2000)}`)).toEqual([]);
        expect(r.steps.filter((s) => s.ran).length).toBeGreaterThan(0);
        // The actions it hands the results to find them: the JUnit file, the artifact folder.
        for (const s of r.steps.filter((x) => x.uses && x.with)) {
          for (const key of ['report_paths', 'path']) {
            const path = s.with![key];
            if (typeof path === 'string' && !s.uses!.startsWith('actions/download-artifact')) expect(existsSync(join(dir, path)), `${s.step}: ${key} ${path}`).toBe(true);
          }
        }
        expect(treeHash(installed(dir))).toBe(packageHash);
      },
      600_000,
    );
  });

  test('build --check names the contract it checked', async () => {
    expect(await sh(fresh(template), 'npx asr-contract build --check')).toMatch(/of the contract of the installed asr-contract [\d.]+ in node_modules\/asr-contract .* is up to date/);
    expect(await sh(fresh(ownedTemplate), 'npx asr-contract build --check')).toMatch(/generated\/ of the contract in this folder is up to date/);
  }, 120_000);

  describe('a field added to one spec reaches the emulator, the contract run and diff', () => {
    const spec = 'specs/actions/sentence-recognition/SentenceRecognition.yaml';
    const insertAfter = (text: string, anchor: RegExp, snippet: string): string => {
      const m = anchor.exec(text);
      if (!m) throw new Error(`no ${anchor} in ${spec}`);
      return `${text.slice(0, m.index + m[0].length)}${snippet}${text.slice(m.index + m[0].length)}`;
    };
    let dir = '';

    beforeAll(async () => {
      dir = fresh(ownedTemplate);
      let text = readFileSync(join(dir, spec), 'utf8');
      text = insertAfter(text, /^request:\n(?: {2}.*\n)*? {2}fields:\n/m, recipe('speaker-request-field.yaml'));
      text = insertAfter(text, /^response:\n(?: {2}.*\n)*? {2}fields:\n/m, recipe('speaker-response-field.yaml'));
      text = insertAfter(text, /^ {2}respond:\n/m, recipe('speaker-binding.yaml'));
      writeInto(dir, spec, text);
    });

    test('the guide\'s commands: build, the contract run passes, diff lists both fields', async () => {
      const [block] = scenarioBlocks('add-field');
      const out = await sh(dir, block!.text);
      expect(out).toMatch(/\b0 failed\b/);
      expect(out).toMatch(/SentenceRecognition\.request\.SpeakerDiarization\s+added/);
      expect(out).toMatch(/SentenceRecognition\.response\.SpeakerCount\s+added/);
      for (const file of ['generated/openapi.json', 'generated/asr.postman_collection.json', 'generated/types.d.ts', 'generated/asyncapi.yaml']) {
        if (file.endsWith('asyncapi.yaml')) continue; // the field is API 3.0's, not a WebSocket's
        expect(readFileSync(join(dir, file), 'utf8'), file).toContain('SpeakerDiarization');
      }
      expect(readFileSync(join(dir, 'generated/types.d.ts'), 'utf8')).toContain('SpeakerCount');
    }, 300_000);

    test('the official SDK sends the new field to the emulator, and the answer carries the new response field', async () => {
      const pidFile = join(dir, '.asr-mock.pid');
      const out = await sh(dir, `npx asr-contract mock --port 0 --detach --pid-file ${pidFile}`);
      try {
        const port = /listening on http:\/\/[\d.]+:(\d+)/.exec(out)![1]!;
        const client = new asr.v20190614.Client({ credential: LOCAL, region: 'ap-guangzhou', profile: { httpProfile: { endpoint: `127.0.0.1:${port}`, protocol: 'http://' } } });
        const audio = { EngSerViceType: '16k_zh', SourceType: 0, VoiceFormat: 'wav', Url: 'https://example.com/a.wav' };
        const on = (await client.SentenceRecognition({ ...audio, SpeakerDiarization: 1 })) as { SpeakerCount?: number; Result: string };
        expect(on.Result.length).toBeGreaterThan(0);
        expect(on.SpeakerCount).toBe(2);
        const off = (await client.SentenceRecognition(audio)) as { SpeakerCount?: number };
        expect(off.SpeakerCount).toBe(1);
        // The new field is checked like any other: a value outside its enum is refused.
        await expect(client.SentenceRecognition({ ...audio, SpeakerDiarization: 7 })).rejects.toThrow(/SpeakerDiarization/);
      } finally {
        await stopDetached(dir);
      }
    }, 120_000);
  });

  describe('type-only imports compile for every consumer, strict', () => {
    const cases = [
      ['an ES module, module nodenext', 'module', { module: 'nodenext', moduleResolution: 'nodenext' }],
      ['a CommonJS project, module node16', 'commonjs', { module: 'node16', moduleResolution: 'node16' }],
      ['a CommonJS project, module nodenext', 'commonjs', { module: 'nodenext', moduleResolution: 'nodenext' }],
      ['a bundler project', 'module', { module: 'esnext', moduleResolution: 'bundler' }],
    ] as const;
    test.each(cases)('%s', (_, type, options) => {
      const dir = fresh(template);
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, type }, null, 2));
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src/asr.ts'), recipe('typed-request.ts'));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...options, strict: true, noEmit: true, target: 'es2022', skipLibCheck: false, types: [] }, include: ['src'] }));
      const r = tsc(dir, ['-p', '.']);
      expect(r.out).toBe('');
      expect(r.code).toBe(0);
    }, 120_000);
  });
});

test('upgrading to a new release: the guide\'s steps take the release and keep the team\'s own files', async () => {
  // The team: its own copy, one spec file of its own, committed.
  const dir = fresh(ownedTemplate);
  writeInto(dir, 'specs/types/TeamWord.yaml', readFileSync(join(dir, 'specs/types/HotWord.yaml'), 'utf8').replace('type: HotWord', 'type: TeamWord'));
  await sh(dir, 'git init -q && git add -A && git -c user.name=t -c user.email=t@example.invalid commit -qm "our contract"');
  // The release: the installed package with a newer version and one field documented better.
  const release = copyProject(installed(template), join(work, 'release-0.2.0'));
  const spec = 'specs/actions/hot-words/GetAsrVocab.yaml';
  const edited = readFileSync(join(release, spec), 'utf8').replace(/(\n {6}description: )(.*)/, '$1$2 (clarified in 0.2.0)');
  writeInto(release, spec, edited);
  const meta = JSON.parse(readFileSync(join(release, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeInto(release, 'package.json', `${JSON.stringify({ ...meta, version: '0.2.0' }, null, 2)}\n`);
  await sh(release, `npm pack --ignore-scripts --pack-destination "${PACKAGE_ROOT}"`);
  const [block] = scenarioBlocks('upgrade');
  let out = '';
  try {
    out = await sh(dir, block!.text);
  } finally {
    rmSync(join(PACKAGE_ROOT, 'asr-contract-0.2.0.tgz'), { force: true });
  }
  expect(out).toMatch(/docs +GetAsrVocab\.request\.\w+ +description changed/);
  expect(out).toContain('kept your specs/types/TeamWord.yaml');
  expect(out).toMatch(/specs\/actions\/hot-words\/GetAsrVocab\.yaml \| 2 \+-/);
  expect(readFileSync(join(dir, spec), 'utf8')).toBe(edited);
  expect((JSON.parse(readFileSync(join(installed(dir), 'package.json'), 'utf8')) as { version: string }).version).toBe('0.2.0');
  expect(await sh(dir, 'npx asr-contract build --check')).toMatch(/up to date/);
}, 300_000);

test('installs from a git URL, its prepare script bundling the CLI', async () => {
  const [block] = scenarioBlocks('git-install');
  const dir = join(work, 'git-team');
  newProject(dir);
  await sh(dir, block!.text);
  const pkg = installed(dir);
  expect(existsSync(join(pkg, 'dist/manifest.json'))).toBe(true);
  expect(currentDist(pkg)).toBeDefined();
  expect(await sh(dir, 'npx asr-contract --help')).toMatch(/^Usage: asr-contract <command>/);
}, 300_000);
