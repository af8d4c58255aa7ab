// The console view of a contract run: one line per folder as it finishes, each failing assertion as
// it happens, instead of newman's line per request and assertion (thousands on a full run). The
// full listing is still there with `--reporters cli`, and in the JUnit, JSON and HTML reports.
import type { EventEmitter } from 'node:events';

interface Node {
  id?: string;
  name: string;
  item?: Node[];
}

interface FolderCount {
  name: string;
  left: number;
  requests: number;
  assertions: number;
  failed: number;
}

/** The innermost folder of every request, and how many requests each folder holds. */
function foldersOf(items: readonly Node[]): { byItem: Map<string, FolderCount>; total: number } {
  const byItem = new Map<string, FolderCount>();
  let total = 0;
  const walk = (nodes: readonly Node[], trail: string[]): void => {
    const here: FolderCount = { name: trail.join(' / ') || '(collection)', left: 0, requests: 0, assertions: 0, failed: 0 };
    for (const n of nodes) {
      if (n.item) walk(n.item, [...trail, n.name]);
      else if (n.id) {
        byItem.set(n.id, here);
        here.left++;
        total++;
      }
    }
  };
  walk(items, []);
  return { byItem, total };
}

export function attachProgress(emitter: EventEmitter, collection: { item?: unknown }, print: (line: string) => void): void {
  const { byItem, total } = foldersOf((collection.item ?? []) as Node[]);
  const width = String(total).length;
  let done = 0;
  const folderOf = (o: { item?: { id?: string } } | undefined): FolderCount | undefined => byItem.get(o?.item?.id ?? '');
  emitter.on('request', (err: Error | null, o: { item?: { id?: string; name?: string } }) => {
    const f = folderOf(o);
    if (f) f.requests++;
    if (err) print(`  ✗ ${o.item?.name ?? '?'}: no answer: ${err.message}`);
  });
  emitter.on('assertion', (err: { message?: string } | null, o: { assertion?: string; item?: { id?: string } }) => {
    const f = folderOf(o);
    if (f) {
      f.assertions++;
      if (err) f.failed++;
    }
    if (err) print(`  ✗ ${o.assertion ?? '?'}: ${err.message ?? ''}`);
  });
  const finished = new Set<string>();
  emitter.on('item', (_err: unknown, o: { item?: { id?: string } }) => {
    const f = folderOf(o);
    // Polls repeat an item: each request counts once, when it first finishes.
    if (!f || finished.has(o.item!.id!)) return;
    finished.add(o.item!.id!);
    done++;
    if (--f.left === 0) print(`[${String(done).padStart(width)}/${total}] ${f.failed ? '✗' : '✓'} ${f.name}: ${f.requests} requests, ${f.assertions} assertions, ${f.failed} failed`);
  });
}
