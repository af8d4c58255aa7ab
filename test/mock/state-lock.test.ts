// One emulator per state file, and nothing acknowledged is ever lost: a second emulator on a held
// state refuses to start and names the holder's pid; one whose holder was killed with -9 takes the
// state over with every change the holder had answered, however many were in flight.
import { appendFileSync, writeFileSync } from 'node:fs';
import { describe, expect, onTestFinished, test } from 'vitest';
import { callTc3 } from '../helpers/api3-client.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startMockProcess, type MockProcess } from '../helpers/mock-process.js';
import { alive } from '../helpers/processes.js';
import { deadPid, imageOf, othersIn, stateLines, tempState } from '../helpers/state-files.js';
import { runCli } from '../helpers/cli.js';

const TASK = { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/a.wav' };
function child(args: string[]): MockProcess {
  const p = startMockProcess(args);
  onTestFinished(async () => {
    if (alive(p.child.pid!)) p.child.kill('SIGKILL');
    await p.exit;
  });
  return p;
}
async function inProcess(statePath: string): Promise<TestEmulator> {
  const e = await startTestEmulator({ statePath });
  onTestFinished(() => e.close());
  return e;
}
const taskId = (r: Awaited<ReturnType<typeof callTc3>>): number | undefined => (r.json.Response.Data as { TaskId?: number } | undefined)?.TaskId;

describe('one emulator per state', () => {
  test('a second emulator in the same process refuses, naming the pid; once the first stops it starts with its records', async () => {
    const { path } = tempState();
    const first = await startTestEmulator({ statePath: path });
    const VocabId = String((await callTc3(first.url, 'CreateAsrVocab', { Name: 'held' })).json.Response.VocabId);
    await expect(startTestEmulator({ statePath: path })).rejects.toThrow(new RegExp(`state file .* is in use by another emulator \\(pid ${process.pid}\\); stop that one, or pass another --state`));
    expect((await callTc3(first.url, 'GetAsrVocab', { VocabId })).json.Response.Error).toBeUndefined(); // the holder is unharmed
    await first.close();
    const second = await inProcess(path);
    expect((await callTc3(second.url, 'GetAsrVocab', { VocabId })).json.Response).toMatchObject({ Name: 'held' });
  });

  test('a second `asr-contract mock` on a state another process holds exits 2 with one line naming that pid', async () => {
    const { path } = tempState();
    const holder = child(['--port', '0', '--state', path]);
    await holder.url;
    const before = imageOf(path);
    const r = await runCli(['mock', '--port', '0', '--state', path]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`is in use by another emulator \\(pid ${holder.child.pid}\\).*nothing was started`));
    expect(imageOf(path)).toEqual(before);
  });

  test('a holder killed with -9 leaves a stale lock that the next emulator takes over, with the holder\'s answered records', async () => {
    const { path } = tempState();
    const holder = child(['--port', '0', '--state', path]);
    const url = await holder.url;
    const VocabId = String((await callTc3(url, 'CreateAsrVocab', { Name: 'survivor' })).json.Response.VocabId);
    holder.child.kill('SIGKILL');
    await holder.exit;
    const next = await inProcess(path);
    expect(next.logs.join('\n')).toMatch(new RegExp(`taken over from the emulator \\(pid ${holder.child.pid}\\)`));
    expect((await callTc3(next.url, 'GetAsrVocab', { VocabId })).json.Response).toMatchObject({ Name: 'survivor' });
  });

  test('an unfinished last line is left out when its writer crashed, and refused as truncation when nobody did', async () => {
    const { dir, path } = tempState();
    const e = await startTestEmulator({ statePath: path });
    await callTc3(e.url, 'CreateAsrVocab', { Name: 'whole' });
    await e.close();
    appendFileSync(path, '["new","vocab",{"Name":"cut sh');
    const torn = imageOf(path);
    await expect(startTestEmulator({ statePath: path })).rejects.toThrow(/truncated/);
    expect(imageOf(path)).toEqual(torn);
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: deadPid() }));
    const after = await inProcess(path);
    expect(after.logs.join('\n')).toMatch(new RegExp(`left out its last ${torn.bytes.length - torn.bytes.lastIndexOf(10) - 1} bytes`));
    expect(after.store.all('vocab').map((v) => v.Name)).toEqual(['whole']);
    await after.close();
    expect(othersIn(dir, path)).toEqual([]);
    expect(stateLines(path).filter((l) => l[0] === 'new')).toHaveLength(1);
  });
});

describe('kill -9 loses no acknowledged change', () => {
  test('300 clients creating tasks at once, killed mid-stream, 5 rounds on one state: every answered TaskId is there after', { timeout: 120_000 }, async () => {
    const { path } = tempState();
    const answered: number[] = [];
    // Each round is killed once this many creates were answered, with 300 more in flight.
    for (const killAfter of [50, 150, 250, 350, 450]) {
      const mock = child(['--port', '0', '--state', path]);
      const url = await mock.url;
      let round = 0;
      let cut = 0;
      const client = async (): Promise<void> => {
        for (let i = 0; i < 20; i++) {
          let r: Awaited<ReturnType<typeof callTc3>>;
          try {
            r = await callTc3(url, 'CreateRecTask', TASK);
          } catch {
            cut += 1; // in flight when the kill landed
            return;
          }
          const id = taskId(r);
          if (id === undefined) throw new Error(`refused: ${JSON.stringify(r.json)}`);
          answered.push(id);
          if (++round === killAfter) mock.child.kill('SIGKILL');
        }
      };
      await Promise.all(Array.from({ length: 300 }, client));
      await mock.exit;
      expect(round).toBeGreaterThanOrEqual(killAfter);
      expect(cut, 'creates were in flight when it was killed').toBeGreaterThan(0);
      const reloaded = await startTestEmulator({ statePath: path });
      const missing = answered.filter((id) => !reloaded.store.get('rec-task', id));
      await reloaded.close();
      expect(missing).toEqual([]);
    }
    expect(new Set(answered).size).toBe(answered.length);
  });
});
