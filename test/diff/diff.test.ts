import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse as parseYaml, parseDocument } from 'yaml';
import { emitDocuments } from '../../src/cli/diff.js';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { classifyChanges } from '../../src/diff/classify.js';
import { formatReport } from '../../src/diff/format.js';
import { viewOf } from '../../src/diff/source.js';
import type { ContractView } from '../../src/diff/view.js';
import { compileSpecTexts } from '../../src/model/compile.js';
import { readSpecTree } from '../../src/spec/load.js';
import { runCli } from '../helpers/cli.js';
import { DIFF_CASES, diffCases, side } from '../helpers/diff-fixtures.js';
import { MINI_SPEC } from '../helpers/spec-fixtures.js';

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function compiled(caseName: string, which: 'old' | 'new'): ContractView {
  const { model, diagnostics } = compileSpecTexts(side(caseName, which));
  if (!model) throw new Error(`${caseName}/${which} does not compile: ${JSON.stringify(diagnostics)}`);
  return viewOf(emitDocuments(model));
}

/** Cases that change nothing a client relies on; every other case makes exactly one breaking change. */
const NON_BREAKING = new Set(['compatible', 'docs-only', 'examples-only']);

// Each fixture is the mini spec with one change applied; expected.txt is the reviewed table.
describe.each(diffCases())('diff rule fixture %s', (caseName) => {
  const changes = classifyChanges(compiled(caseName, 'old'), compiled(caseName, 'new'));

  test('the table matches expected.txt', () => {
    const expected = readFileSync(join(DIFF_CASES, caseName, 'expected.txt'), 'utf8');
    const report = { old: { label: 'old' }, new: { label: 'new' }, changes, hidden: 0 };
    expect(formatReport(report, 'table') + '\n').toBe(expected);
  });

  test(NON_BREAKING.has(caseName) ? 'nothing is breaking' : 'exactly one change is breaking', () => {
    expect(changes.filter((c) => c.breaking)).toHaveLength(NON_BREAKING.has(caseName) ? 0 : 1);
  });

  test('the reverse direction is never silent', () => {
    expect(classifyChanges(compiled(caseName, 'new'), compiled(caseName, 'old')).length).toBeGreaterThan(0);
  });
});

describe('diff of the full contract', () => {
  test('a copy with one optional request field removed gives exactly one breaking change', async () => {
    const copy = tempDir('asr-diff-full-');
    cpSync(join(PACKAGE_ROOT, 'specs'), join(copy, 'specs'), { recursive: true });
    const file = join(copy, 'specs/actions/recorded-file/CreateRecTask.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    expect(doc.deleteIn(['request', 'fields', 'ReplaceTextId'])).toBe(true);
    writeFileSync(file, doc.toString());

    const r = await runCli(['diff', PACKAGE_ROOT, copy, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { breaking: number; changes: { where: string; breaking: boolean }[] };
    expect(report.breaking).toBe(1);
    expect(report.changes.filter((c) => c.breaking).map((c) => c.where)).toEqual(['CreateRecTask.request.ReplaceTextId']);

    const allowed = await runCli(['diff', PACKAGE_ROOT, copy, '--allow-breaking']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^BREAKING CreateRecTask\.request\.ReplaceTextId +removed$/m);
  });

  test('a copy with one field description edited gives exactly one docs change, exit 0', async () => {
    const copy = tempDir('asr-diff-docs-');
    cpSync(join(PACKAGE_ROOT, 'specs'), join(copy, 'specs'), { recursive: true });
    const file = join(copy, 'specs/actions/recorded-file/CreateRecTask.yaml');
    const doc = parseDocument(readFileSync(file, 'utf8'));
    doc.setIn(['request', 'fields', 'ReplaceTextId', 'description'], 'Id of a replacement table, applied to the recognised text.');
    writeFileSync(file, doc.toString());

    const r = await runCli(['diff', PACKAGE_ROOT, copy, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { changes: unknown[] };
    expect(report.changes).toEqual([{ kind: 'docs', breaking: false, where: 'CreateRecTask.request.ReplaceTextId', change: 'description changed' }]);

    const breakingOnly = await runCli(['diff', PACKAGE_ROOT, copy, '--breaking-only']);
    expect(breakingOnly.code).toBe(0);
    expect(breakingOnly.stdout.split('\n')[0]).toBe(`0 changes from ${PACKAGE_ROOT} to ${copy} (1 non-breaking change not shown: --breaking-only)`);
  });

  // One edit of each kind readers see, made in the spec files, reported once and never as breaking.
  const specs = readSpecTree(join(PACKAGE_ROOT, 'specs'), PACKAGE_ROOT);
  const viewOfTexts = (texts: typeof specs): ContractView => viewOf(emitDocuments(compileSpecTexts(texts).model!));
  const original = viewOfTexts(specs);
  test.each([
    ['specs/websocket/realtime.yaml', ['messages', 'ack', 'description'], 'The first frame after the upgrade.', { kind: 'docs', where: 'realtime.ack', change: 'description changed' }],
    ['specs/service.yaml', ['areas', 0, 'description'], 'One short clip, one call.', { kind: 'docs', where: 'tags.Sentence recognition', change: 'description changed' }],
    ['specs/errors.yaml', ['errors', 'ActionOffline', 'message', 'en-US'], 'This action is offline.', { kind: 'docs', where: 'errors.ActionOffline', change: 'en-US message changed' }],
    ['specs/actions/recorded-file/CreateRecTask.yaml', ['summary'], 'Submit a recording for recognition', { kind: 'docs', where: 'CreateRecTask', change: 'summary changed' }],
    ['specs/actions/recorded-file/CreateRecTask.yaml', ['examples', 0, 'title'], 'Recognise a file from a URL', { kind: 'example', where: 'CreateRecTask', change: expect.stringMatching(/^request example "recognise-a-file-from-a-url" added$/) }],
  ] as const)('%s %j: one %o', (path, at, value, expected) => {
    const edited = specs.map((t) => {
      if (t.path !== path) return t;
      const doc = parseDocument(t.text);
      expect(doc.hasIn(at)).toBe(true);
      doc.setIn(at, value);
      return { ...t, text: doc.toString() };
    });
    const changes = classifyChanges(original, viewOfTexts(edited));
    expect(changes.filter((c) => c.kind === 'breaking' || c.kind === 'compatible')).toEqual([]);
    expect(changes).toContainEqual({ ...expected, breaking: false });
    if (expected.kind === 'docs') expect(changes).toHaveLength(1);
  });

  test('the contract against itself: no changes, exit 0', async () => {
    const r = await runCli(['diff', PACKAGE_ROOT]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`no changes from ${PACKAGE_ROOT} to the working tree`);
  });

  test("the working tree's emitted documents read the same as the committed generated/ ones", () => {
    const { model } = compileSpecTexts(readSpecTree(join(PACKAGE_ROOT, 'specs'), PACKAGE_ROOT));
    const emitted = viewOf(emitDocuments(model!));
    const committed = viewOf({
      openapi: JSON.parse(readFileSync(join(PACKAGE_ROOT, 'generated/openapi.json'), 'utf8')),
      asyncapi: parseYaml(readFileSync(join(PACKAGE_ROOT, 'generated/asyncapi.yaml'), 'utf8')),
    });
    expect(classifyChanges(committed, emitted)).toEqual([]);
    expect(emitted.surfaces.size).toBe(model!.actions.length + model!.endpoints.length + model!.channels.length + model!.callbacks.length);
    expect(emitted.errors?.size).toBe(model!.errors.length);
  });
});
describe('diff against git refs', () => {
  function git(cwd: string, ...args: string[]): void {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
  }

  test('HEAD against the working tree, and ref against ref, without touching the checkout', async () => {
    const repo = tempDir('asr-diff-git-');
    cpSync(join(MINI_SPEC, 'specs'), join(repo, 'specs'), { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'v1');
    const changed = join(DIFF_CASES, 'type-change', 'new', 'specs');
    cpSync(changed, join(repo, 'specs'), { recursive: true });
    const before = readFileSync(join(repo, 'specs/types/Item.yaml'), 'utf8');

    const worktree = await runCli(['diff', 'HEAD', '.'], {}, repo);
    expect(worktree.code).toBe(1);
    expect(worktree.stdout).toMatch(/^BREAKING types\.Item\.Label +type changed from string to integer$/m);
    expect(readFileSync(join(repo, 'specs/types/Item.yaml'), 'utf8')).toBe(before);

    git(repo, 'commit', '-q', '-am', 'v2');
    const refs = await runCli(['diff', 'HEAD~1', 'HEAD', '--format', 'json'], {}, repo);
    expect(refs.code).toBe(1);
    expect((JSON.parse(refs.stdout) as { breaking: number }).breaking).toBe(1);
  });
});

describe('diff usage errors', () => {
  test.each([
    [['diff'], 2, /give the old version/],
    [['diff', 'a', 'b', 'c'], 2, /give the old version/],
    [['diff', 'HEAD', '--format', 'xml'], 2, /--format must be table, json or markdown, got "xml"/],
    [['diff', 'HEAD', '--colour'], 2, /colour/],
    [['diff', 'no-such-ref-or-dir'], 2, /"no-such-ref-or-dir" is neither a directory nor a git ref/],
  ])('%j exits %i', async (argv, code, message) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
  });

  test('a directory without specs/ is not a contract', async () => {
    const r = await runCli(['diff', tempDir('asr-diff-empty-')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no contract: expected .*specs\/service\.yaml, a specs\/ directory or .*generated\/openapi\.json$/);
  });

  test('a version that does not compile: one line naming the first error, then the diagnostics', async () => {
    const broken = tempDir('asr-diff-bad-');
    cpSync(join(MINI_SPEC, 'specs'), join(broken, 'specs'), { recursive: true });
    writeFileSync(join(broken, 'specs/types/Item.yaml'), 'type: Item\nfields:\n  Id: {type: NoSuchType}\n');
    const r = await runCli(['diff', broken]);
    expect(r.code).toBe(2);
    const [line, ...details] = r.stderr.split('\n');
    expect(line).toMatch(/^asr-contract diff: the contract at .* does not compile \(\d+ errors?; the first: specs\/types\/Item\.yaml:\d+:\d+: error /);
    expect(details[0]).toMatch(/^specs\/types\/Item\.yaml:\d+:\d+: error /);
    expect(r.stdout).toBe('');
  });

  // A CI step that posts the markdown as a comment must post the failure, not an empty file.
  test.each([
    ['markdown', (out: string, message: string) => expect(out).toBe(`## ASR contract diff failed\n\nComparing \`no-such-ref\` with \`the working tree\` failed: ${message}`)],
    ['json', (out: string, message: string) => expect(JSON.parse(out)).toEqual({ old: 'no-such-ref', new: 'the working tree', error: message })],
    ['table', (out: string) => expect(out).toBe('')],
  ] as const)('an unreadable version with --format %s: one line on stderr, exit 2, the same message on stdout', async (format, check) => {
    const r = await runCli(['diff', 'no-such-ref', '--format', format]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')).toHaveLength(1);
    const message = r.stderr.replace(/^asr-contract diff: /, '');
    expect(message).toMatch(/^"no-such-ref" is neither a directory nor a git ref of /);
    check(r.stdout, message);
  });
});
