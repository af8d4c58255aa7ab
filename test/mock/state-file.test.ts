// --state FILE: a state of the wrong shape, version or kind is refused at start with a line that
// says why, and the file is left exactly as it was (bytes and mode); one emulator holds a state at
// a time; and a change costs its own size, not the size of everything stored.
import { chmodSync, lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { StateFileError } from '../../src/mock/state/persist.js';
import { callTc3 } from '../helpers/api3-client.js';
import { startTestEmulator } from '../helpers/emulator.js';
import { imageOf, othersIn, stateDir, stateLines, tempState } from '../helpers/state-files.js';

const TASK = { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/a.wav' };
const HEADER = '{"format":"asr-contract emulator state","version":2}';
const line = (v: unknown): string => JSON.stringify(v);

/** A valid state written by the emulator itself: two hot-word tables and a task, as lines. */
let valid: string[];
beforeAll(async () => {
  const { path, remove } = stateDir();
  const e = await startTestEmulator({ statePath: path });
  for (const Name of ['one', 'two']) await callTc3(e.url, 'CreateAsrVocab', { Name });
  await callTc3(e.url, 'CreateRecTask', TASK);
  await e.close();
  valid = [HEADER, ...stateLines(path).map(line)];
  remove();
});

const newLine = (lines: string[], kind: string): unknown[] => JSON.parse(lines.find((l) => l.startsWith(`["new","${kind}"`))!) as unknown[];
const replace = (lines: string[], match: (l: string) => boolean, by: string[]): string[] => lines.flatMap((l) => (match(l) ? by : [l]));
const text = (lines: string[]): string => `${lines.join('\n')}\n`;

type Case = [name: string, write: (lines: string[]) => string | Buffer, message: RegExp];
const cases: Case[] = [
  ['counter 0 below the ids issued', (l) => text([...l, line(['counter', 0])]), /line 8 the counter 0 is below 3, the number of an id already issued/],
  ['counter "abc"', (l) => text(replace(l, (x) => x.startsWith('["counter"'), [line(['counter', 'abc'])])), /line 2 the counter must be a whole number, not "abc"/],
  ['only unknown kinds', () => text([HEADER, line(['new', 'bogus', { Id: 1, _n: 1, _created: 0, _updated: 0 }])]), /line 2 names the resource kind "bogus", which is not one of the specs' \(vocab, /],
  ['a record without its id', (l) => text(replace(l, (x) => x.startsWith('["new","vocab"'), [line(['new', 'vocab', { ...(newLine(l, 'vocab')[2] as object), VocabId: undefined }])])), /a new vocab has no VocabId/],
  ['a duplicate id', (l) => text([...l, line(['new', 'vocab', { ...(newLine(l, 'vocab')[2] as object), _n: 99 }])]), /VocabId "[0-9a-f]{32}" appears twice/],
  ['an id of the wrong style', (l) => text([...l, line(['new', 'vocab', { ...(newLine(l, 'vocab')[2] as object), VocabId: 17, _n: 99 }])]), /VocabId 17 is not a hex32 id/],
  ['an issue number that goes back', (l) => text([...l, line(['new', 'rec-task', { ...(newLine(l, 'rec-task')[2] as object), TaskId: 4_000_000_700, _n: 1 }])]), /has the issue number 1; it must be a whole number above 3/],
  ['a change to a record never created', (l) => text([...l, line(['set', 'vocab', 'f'.repeat(32), { Name: 'x' }])]), /changes vocab "f{32}", which the file never created/],
  ['a deletion of a record never created', (l) => text([...l, line(['del', 'rec-task', 4_000_000_001])]), /changes rec-task 4000000001, which the file never created/],
  ['a change that rewrites an id', (l) => text([...l, line(['set', 'vocab', (newLine(l, 'vocab')[2] as { VocabId: string }).VocabId, { VocabId: 'a'.repeat(32) }])]), /a change may not rewrite VocabId/],
  ['a usage entry of the wrong shape', (l) => text([...l, line(['use', 'asr_rec|2024-01-01', { count: -1, seconds: 1 }])]), /usage asr_rec\|2024-01-01 must be \{"count": whole number/],
  ['an unknown operation', (l) => text([...l, line(['drop', 'vocab'])]), /names an unknown operation "drop"/],
  ['a __proto__ key', (l) => text([...l, '["set","vocab","x",{"__proto__":{"polluted":true}}]']), /has a key named __proto__/],
  ['a newer version', (l) => text(['{"format":"asr-contract emulator state","version":3}', ...l.slice(1)]), /holds state of version 3, and this emulator reads version 2 only/],
  ['the one-document format of version 1', () => `${JSON.stringify({ version: 1, counter: 3, collections: { vocab: [] }, usage: {} }, null, 2)}\n`, /holds state of version 1/],
  ['a file that is not a state', () => '{"hello":"world"}\n', /line 1 is not an emulator state file/],
  ['truncated in the middle of a change', (l) => text(l).slice(0, -20), /ends in the middle of a line \(truncated: the last \d+ bytes have no newline\)/],
  ['truncated in the middle of its header', () => HEADER.slice(0, 20), /line 1 is not valid JSON/],
  ['corrupted in the middle', (l) => text([...l.slice(0, 3), '["new","vocab",{"Voc@@', ...l.slice(3)]), /line 4 is not valid JSON/],
  ['not UTF-8', (l) => Buffer.concat([Buffer.from(text(l.slice(0, 2))), Buffer.from([0x5b, 0xff, 0xfe, 0x5d, 0x0a])]), /line 3 is not UTF-8 text/],
  ['an empty line', (l) => text([...l.slice(0, 2), '', ...l.slice(2)]), /line 3 is empty/],
  ['empty', () => '', /is empty/],
];


/** Prepares a state file, starts an emulator on it, and expects a refusal that leaves it as it was. */
async function refusedUntouched(prepare: (path: string) => void, message: RegExp): Promise<void> {
  const { dir, path } = tempState();
  prepare(path);
  const before = imageOf(path);
  const start = startTestEmulator({ statePath: path });
  await expect(start).rejects.toThrow(StateFileError);
  await expect(start).rejects.toThrow(message);
  expect(imageOf(path)).toEqual(before);
  expect(othersIn(dir, path)).toEqual([]); // no lock, no temp file left behind
}

describe('a state file that cannot be loaded is refused and left byte-identical', () => {
  test.each(cases)('%s', (_name, write, message) => refusedUntouched((path) => writeFileSync(path, write(valid)), message));

  test.each([0o444, 0o400, 0o555])('a file of mode %o (read-only, even to root) is refused, not replaced', (mode) =>
    refusedUntouched((path) => {
      writeFileSync(path, text(valid));
      chmodSync(path, mode);
    }, new RegExp(`is read-only \\(mode 0${mode.toString(8)}\\)`)),
  );

  test('a valid file loads, the control for the table above', async () => {
    const { path } = tempState();
    writeFileSync(path, text(valid));
    const e = await startTestEmulator({ statePath: path });
    onTestFinished(() => e.close());
    expect(e.store.all('vocab').map((v) => v.Name)).toEqual(['one', 'two']);
    expect(e.store.all('rec-task')).toHaveLength(1);
  });

  test.each([
    ['a folder', (path: string) => mkdirSync(path)],
    ['a FIFO', (path: string) => void spawnSync('mkfifo', [path])],
  ])('%s in its place is refused without being read', async (_name, make) => {
    const { path } = tempState();
    make(path);
    await expect(startTestEmulator({ statePath: path })).rejects.toThrow(/is not a regular file/);
  });

  test('a link to the state file stays a link; the file it names is the one kept', async () => {
    const { dir, path } = tempState();
    writeFileSync(path, text(valid));
    const link = join(dir, 'link.jsonl');
    symlinkSync(path, link);
    const e = await startTestEmulator({ statePath: link });
    await callTc3(e.url, 'CreateAsrVocab', { Name: 'three' });
    await e.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(stateLines(path).filter((l) => l[0] === 'new' && l[1] === 'vocab')).toHaveLength(3);
  });

  test('a rewritten file keeps its mode', async () => {
    const { path } = tempState();
    writeFileSync(path, text(valid));
    chmodSync(path, 0o640);
    const e = await startTestEmulator({ statePath: path });
    await e.close();
    expect(imageOf(path).mode & 0o777).toBe(0o640);
  });
});

describe('a change costs its own size', () => {
  test.each([10, 3000])('with %i tasks stored, a create and a poll each append under 3 KB', async (stored) => {
    const { path } = tempState();
    const e = await startTestEmulator({ statePath: path });
    onTestFinished(() => e.close());
    for (let i = 0; i < stored; i++) e.store.insert('rec-task', { ...TASK, Status: 0, StatusStr: 'waiting' }, e.store.now());
    await e.store.durable();
    const size0 = imageOf(path).bytes.length;
    const created = await callTc3(e.url, 'CreateRecTask', TASK);
    const size1 = imageOf(path).bytes.length;
    await callTc3(e.url, 'DescribeTaskStatus', { TaskId: (created.json.Response.Data as { TaskId: number }).TaskId });
    const size2 = imageOf(path).bytes.length;
    expect(size0).toBeGreaterThan(stored * 200);
    expect(size1 - size0).toBeGreaterThan(0);
    expect(size1 - size0).toBeLessThan(3000);
    expect(size2 - size1).toBeGreaterThan(0);
    expect(size2 - size1).toBeLessThan(3000);
  });
});

