// The journal under the store: every change appended and synced in order, the file rewritten once
// it has grown past the live state, and changes made while a rewrite is under way kept after it.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, onTestFinished, test } from 'vitest';
import { Journal } from '../../src/mock/state/journal.js';
import { readState } from '../../src/mock/state/state-format.js';
import { Store } from '../../src/mock/state/store.js';
import { projectModel } from '../helpers/emulator.js';
import { stateLines, tempState } from '../helpers/state-files.js';


function journaled(slackBytes: number): { store: Store; path: string } {
  const { path } = tempState();
  const store = new Store(projectModel().emulator, 'journal-test');
  const journal = new Journal(path, () => store.changes(), undefined, () => {}, slackBytes);
  journal.start();
  store.attach(journal);
  onTestFinished(() => store.close());
  return { store, path };
}

/** What a restart would load, beside what the store holds. */
function reloaded(store: Store, path: string): { file: Record<string, unknown[]>; memory: Record<string, unknown[]> } {
  const { image } = readState(readFileSync(path), store.kinds, false);
  const kinds = [...store.kinds.keys()];
  return {
    file: Object.fromEntries(kinds.map((k) => [k, [...image.collections.get(k)!.values()]])),
    memory: Object.fromEntries(kinds.map((k) => [k, store.all(k)])),
  };
}

describe('the state journal', () => {
  test('600 updates to 5 tables: the file is rewritten along the way and stays near the live size', async () => {
    const { store, path } = journaled(4096);
    const tables = Array.from({ length: 5 }, (_, i) => store.insert('vocab', { Name: `t${i}`, WordWeights: [] }, store.now()));
    await store.durable();
    const live = statSync(path).size;
    let largest = 0;
    for (let i = 0; i < 600; i++) {
      store.update('vocab', tables[i % 5]!, { Name: `t${i % 5}`, WordWeights: [{ Word: `w${i}`, Weight: i % 11 }] }, store.now());
      await store.durable();
      largest = Math.max(largest, statSync(path).size);
    }
    expect(largest).toBeLessThan(2 * live + 4096 + 1024);
    const { file, memory } = reloaded(store, path);
    expect(file).toEqual(memory);
    expect(readFileSync(path, 'utf8').split('\n').length).toBeLessThan(150); // rewritten, not 600 lines long
  });

  // Rounds, since the interleaving varies. When changes that came in while a rewrite waited for the
  // previous sync were written again after the rewritten state (a change to a record it had already
  // left out, deleted, then referred to nothing), 3 to 5 rounds in 15 failed here.
  test.each(Array.from({ length: 15 }, (_, i) => i + 1))('changes made while a rewrite is being written are in the file after it, in order (round %i)', async () => {
    const { store, path } = journaled(1024);
    for (let i = 0; i < 200; i++) store.insert('rec-task', { Url: `https://example.com/${i}.wav`, Status: 0 }, store.now());
    await store.durable();
    // Changes spread over many turns of the event loop, none waited for: the journal writes and
    // rewrites (each 1-KB note makes the file outgrow the live state fast) while they keep coming.
    const waits: Promise<void>[] = [];
    for (const [i, task] of store.all('rec-task').entries()) {
      store.touch('rec-task', task, { Status: 1, _seen: 1, Note: 'n'.repeat(1024) });
      if (i % 3 === 0) store.remove('rec-task', task);
      waits.push(store.durable());
      if (i % 5 === 0) await new Promise((r) => setImmediate(r));
    }
    await Promise.all(waits);
    const { file, memory } = reloaded(store, path);
    expect(file['rec-task']).toHaveLength(133);
    expect(file).toEqual(memory);
    // Rewritten along the way: earlier changes are folded into their records.
    expect(stateLines(path).filter((l) => l[0] === 'set').length).toBeLessThan(200);
  });
});
