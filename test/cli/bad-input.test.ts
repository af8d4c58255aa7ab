// Ordinary mistakes on the command line: each is one clear line and exit code 2, never a stack
// trace, and nothing is left behind (no temp file, no half-written output, no state file).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';

let work: string;
let busyPort: number;
const blocker = createServer();

/** Every path under `dir` but those under `except`, with sizes: what a command must not change when it refuses. */
function snapshot(dir: string, except: string[] = []): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (except.includes(relative(dir, p))) continue;
      const s = statSync(p);
      out.push(`${relative(dir, p)}${s.isDirectory() ? '/' : ` ${s.size}`}`);
      if (s.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'asr-bad-input-'));
  mkdirSync(join(work, 'a-folder'));
  writeFileSync(join(work, 'a-file'), 'not a folder\n');
  writeFileSync(join(work, 'broken-state.json'), '{"version": 1, "coun');
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  busyPort = (blocker.address() as { port: number }).port;
});
afterAll(() => {
  blocker.close();
  rmSync(work, { recursive: true, force: true });
});

const rows: [string, () => string[], RegExp][] = [
  ['build --root at a folder without specs/', () => ['build', '--root', work], /--root .*: .* holds no specs\/service\.yaml; `asr-contract init` makes a contract of your own there/],
  ['build --root that does not exist', () => ['build', '--root', join(work, 'nope')], /--root .*: no such folder/],
  ['build --root at a file', () => ['build', '--root', join(work, 'a-file')], /--root .*: that is a file, not a folder/],
  ['mock --state in a folder that does not exist', () => ['mock', '--port', '0', '--state', '/nonexistent/dir/s.json'], /--state \/nonexistent\/dir\/s\.json: the folder \/nonexistent\/dir does not exist/],
  ['mock --state under a regular file', () => ['mock', '--port', '0', '--state', join(work, 'a-file', 's.json')], /--state .*a-file is a file, not a folder/],
  ['mock --state naming a folder', () => ['mock', '--port', '0', '--state', join(work, 'a-folder')], /--state .*: that is a folder, not a file/],
  ['mock --state holding broken JSON', () => ['mock', '--port', '0', '--state', join(work, 'broken-state.json')], /state file .* is not valid JSON .*nothing was started/],
  ['mock --port already in use', () => ['mock', '--port', String(busyPort)], /port \d+ is already in use on 127\.0\.0\.1; pass --port with a free one/],
  ['mock --port out of range', () => ['mock', '--port', '70000'], /--port must be a port number from 0 to 65535/],
  ['mock --host that is not this machine', () => ['mock', '--port', '0', '--host', '10.255.255.1'], /cannot listen on 10\.255\.255\.1: it is not an address of this machine/],
  ['mock --pid-file under a regular file', () => ['mock', '--port', '0', '--pid-file', join(work, 'a-file', 'x.pid')], /--pid-file .*a-file is a file, so nothing can be created under it/],
  ['mock --log without --detach', () => ['mock', '--log', join(work, 'x.log')], /--log goes with --detach/],
  ['test --out naming a file', () => ['test', '--out', join(work, 'a-file')], /--out .*: that is a file, not a folder/],
  ['test --out under a regular file', () => ['test', '--out', join(work, 'a-file', 'reports')], /--out .*a-file is a file, so nothing can be created under it/],
  ['test --base-url without a scheme', () => ['test', '--base-url', '127.0.0.1:8080'], /--base-url must be an absolute URL/],
  ['test --reporters unknown', () => ['test', '--reporters', 'teamcity'], /unknown reporter "teamcity"/],
  ['docs --out under a regular file', () => ['docs', '--out', join(work, 'a-file', 'index.html')], /--out .*a-file is a file, so nothing can be created under it/],
  ['drift --tccli-api that does not exist', () => ['drift', '--tccli-api', join(work, 'nope.json')], /cannot read .*nope\.json/],
  ['sign-url an unknown channel', () => ['sign-url', 'nope'], /unknown channel "nope"/],
  ['an unknown command', () => ['serve'], /unknown command "serve"/],
];

describe('a CLI mistake is one line and exit 2', () => {
  test.each(rows)('%s', async (_name, args, message) => {
    const before = snapshot(work);
    // generated/docs/ is the checkout's own docs page (ignored by git), which other test files write
    // from the checkout while this one runs; the rest of generated/ is the package's contract.
    const packageGenerated = (): string[] => snapshot(join(PACKAGE_ROOT, 'generated'), ['docs']);
    const generatedBefore = packageGenerated();
    const r = await runCli(args(), { TENCENTCLOUD_SECRET_ID: '', TENCENTCLOUD_SECRET_KEY: '' }, work);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^ {4}at /m);
    expect(snapshot(work)).toEqual(before);
    expect(packageGenerated()).toEqual(generatedBefore);
  });

  test('docs --out naming an existing folder writes index.html inside it, and no temp file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'asr-docs-out-'));
    try {
      const r = await runCli(['docs', '--out', out], {}, work);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readdirSync(out)).toEqual(['index.html']);
      expect(statSync(join(out, 'index.html')).size).toBeGreaterThan(1_000_000);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
