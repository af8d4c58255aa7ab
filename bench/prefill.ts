// Fills an emulator with recorded-file tasks shaped like the ones CreateRecTask stores, in groups
// created a minute apart by the emulator's clock, so that a benchmark can let one group expire
// before each round (POST /_emulator/clock) and keep the store at the task cap without refusals.
import type { Model } from '../src/model/types.js';
import type { Emulator } from '../src/mock/server.js';
import { call } from './signed.js';

export const BENCH_TASK = { EngineModelType: '16k_zh', ChannelNum: 1, ResTextFormat: 0, SourceType: 0, Url: 'https://example.com/meeting.wav' };
export const GROUP_MS = 60_000;

/** Returns the emulator time at which the first group was created. */
export async function prefillTasks(em: Emulator, model: Model, total: number, group: { size: number; count: number }): Promise<number> {
  await call(model, em.url, 'CreateRecTask', BENCH_TASK);
  const sample = em.store.all('rec-task')[0]!;
  const { TaskId: _id, _n, _created, _updated, _seen, ...fields } = sample;
  em.store.remove('rec-task', sample);
  const start = em.store.now();
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % group.size === 0 && i / group.size <= group.count) em.store.moveClock((now) => now + GROUP_MS);
    em.store.insert('rec-task', structuredClone(fields), em.store.now());
  }
  await em.store.durable();
  return start;
}
