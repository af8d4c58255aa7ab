// --state FILE: load at start, write after every change. Writes go to a temporary file that is
// renamed into place, so a crash mid-write never leaves a truncated state file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Store, StoreSnapshot } from './store.js';

export function loadState(store: Store, path: string): void {
  if (!existsSync(path)) return;
  let snapshot: StoreSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as StoreSnapshot;
  } catch (e) {
    throw new Error(`state file ${path} is not valid JSON (${(e as Error).message}); move it away or fix it`);
  }
  store.restore(snapshot);
}

export function saveState(store: Store, path: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(store.snapshot(), null, 2)}\n`);
  renameSync(temp, path);
}
