// asr-contract build --watch on a temporary copy of the mini spec: an edit rebuilds, a broken edit
// reports its diagnostic and keeps the last good outputs, a fixed edit rebuilds again. Every wait
// is for a line of output, bounded, never a fixed sleep.
import { resolveProject } from '../../src/project/resolve.js';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runBuild } from '../../src/cli/build.js';
import { runCli } from '../helpers/cli.js';
import type { Io } from '../../src/cli/io.js';
import { OUTPUT_FILES } from '../../src/outputs.js';
import { miniProjects } from '../helpers/spec-fixtures.js';

const WAIT_MS = 20_000;

/** An Io that records lines and lets a test wait for the next one matching a pattern. */
function recordingIo(cwd: string): Io & { lines: string[]; next: (pattern: RegExp) => Promise<string> } {
  const lines: string[] = [];
  const waiters: { pattern: RegExp; from: number; resolve: (line: string) => void }[] = [];
  let read = 0;
  const push = (line: string): void => {
    for (const l of line.split('\n')) lines.push(l);
    for (const w of [...waiters]) {
      const hit = lines.slice(w.from).find((l) => w.pattern.test(l));
      if (hit !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(hit);
      }
    }
  };
  return {
    lines,
    stdout: push,
    stderr: push,
    env: {},
    cwd,
    // Only lines after the previous match count, so each edit waits for its own rebuild.
    next: (pattern) =>
      new Promise((resolve, reject) => {
        const from = read;
        const done = (line: string): void => {
          clearTimeout(timer);
          read = lines.lastIndexOf(line) + 1;
          resolve(line);
        };
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${WAIT_MS} ms; output:\n${lines.join('\n')}`)), WAIT_MS);
        const hit = lines.slice(from).find((l) => pattern.test(l));
        if (hit !== undefined) done(hit);
        else waiters.push({ pattern, from, resolve: done });
      }),
  };
}

const projects = miniProjects('asr-watch-');
afterEach(projects.removeAll);
const project = projects.make;

/** Every output file's bytes and modification time. */
function outputs(dir: string): Record<string, string> {
  return Object.fromEntries(Object.values(OUTPUT_FILES).map((f) => [f, `${statSync(join(dir, f)).mtimeMs} ${readFileSync(join(dir, f), 'base64')}`]));
}

describe('asr-contract build --watch', () => {
  test('an edit rebuilds; a broken edit reports and keeps the last good outputs; a fix rebuilds again', async () => {
    const dir = project();
    const io = recordingIo(dir);
    const stop = new AbortController();
    const running = runBuild(['--watch'], io, resolveProject(dir, dir), stop.signal);
    const item = join(dir, 'specs/types/Item.yaml');
    const openapi = (): string => readFileSync(join(dir, OUTPUT_FILES.openapiJson), 'utf8');
    try {
      await io.next(/^built 1 actions into \d+ files/);
      await io.next(/^watching specs\//);

      writeFileSync(item, readFileSync(item, 'utf8').replace('description: Its label.', 'description: Its label, as shown to people.'));
      expect(await io.next(/^rebuilt \d+ files? in \d+ ms/)).toMatch(/^rebuilt [1-9]\d* files? in \d+ ms \(specs\/types\/Item\.yaml\)$/);
      expect(openapi()).toContain('Its label, as shown to people.');
      const good = outputs(dir);

      writeFileSync(item, readFileSync(item, 'utf8').replace('type: string', 'type: strin'));
      await io.next(/last good outputs stay in place/);
      expect(io.lines).toContain('specs/types/Item.yaml:11:11: error unknown-type: unknown type `strin`: built-in types are string, integer, number and boolean');
      expect(outputs(dir)).toEqual(good);

      writeFileSync(item, readFileSync(item, 'utf8').replace('type: strin', 'type: string').replace('as shown to people', 'as people see it'));
      expect(await io.next(/^rebuilt \d+ files? in \d+ ms/)).toMatch(/\(specs\/types\/Item\.yaml\)$/);
      expect(openapi()).toContain('Its label, as people see it.');
      expect(readdirSync(join(dir, 'generated')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      stop.abort();
    }
    expect(await running).toBe(0);
    expect(io.lines.at(-1)).toBe('stopped watching (stopped)');
  }, 60_000);

  test('a new spec file is picked up', async () => {
    const dir = project();
    const io = recordingIo(dir);
    const stop = new AbortController();
    const running = runBuild(['--watch'], io, resolveProject(dir, dir), stop.signal);
    try {
      await io.next(/^watching specs\//);
      const action = readFileSync(join(dir, 'specs/actions/basics/GetItem.yaml'), 'utf8');
      writeFileSync(join(dir, 'specs/actions/basics/FetchItem.yaml'), action.replace('action: GetItem', 'action: FetchItem'));
      expect(await io.next(/^rebuilt \d+ files?/)).toMatch(/\(specs\/actions\/basics\/FetchItem\.yaml\)$/);
      expect(readFileSync(join(dir, OUTPUT_FILES.openapiJson), 'utf8')).toContain('"operationId": "FetchItem"');
    } finally {
      stop.abort();
    }
    expect(await running).toBe(0);
  }, 60_000);

  test('--check and --watch together are refused', async () => {
    const r = await runCli(['build', '--check', '--watch', '--root', project()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^asr-contract build: --check and --watch do not go together\n\nUsage: asr-contract build/);
  });
});
