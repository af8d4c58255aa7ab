// Which items of the collection run: --folder picks subtrees; the caller's rule leaves out cases it
// must not send (billable work against a remote server, a surface with no address), with a reason.
import type { ContractCase } from '../model/cases.js';
import { stableId } from '../postman/ids.js';
import { POLL_HEADER } from '../collection/case-request.js';

interface Node {
  id?: string;
  name: string;
  item?: Node[];
  request?: { header?: { key: string; value: string }[] };
}

export class SelectionError extends Error {}

export function casesById(cases: readonly ContractCase[]): Map<string, ContractCase> {
  return new Map(cases.map((c) => [stableId('case', c.id), c]));
}

function folderNames(nodes: Node[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.item) {
      out.push(n.name);
      folderNames(n.item, out);
    }
  }
  return out;
}

/** Keeps only requests under the named folders (all requests when none are named). */
function pick(nodes: Node[], folders: readonly string[], inside: boolean): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    if (n.item) {
      const kids = pick(n.item, folders, inside || folders.includes(n.name));
      if (kids.length > 0) out.push({ ...n, item: kids });
    } else if (inside) out.push(n);
  }
  return out;
}

function prune(nodes: Node[], keep: (n: Node) => boolean): { nodes: Node[]; removed: number } {
  let removed = 0;
  const walk = (list: Node[]): Node[] =>
    list.flatMap((n) => {
      if (n.item) {
        const kids = walk(n.item);
        return kids.length > 0 ? [{ ...n, item: kids }] : [];
      }
      if (keep(n)) return [n];
      removed++;
      return [];
    });
  return { nodes: walk(nodes), removed };
}

export interface Selection {
  collection: Record<string, unknown>;
  requests: number;
  /** How many cases were left out, by reason. */
  leftOut: Map<string, number>;
  /** Each request left out, with its reason, in collection order (the reports list them as skipped). */
  leftOutItems: { id: string; name: string; reason: string }[];
}

/** Why a case must not run, or undefined when it runs. */
export type LeaveOut = (c: ContractCase | undefined) => string | undefined;

export function selectItems(collection: Record<string, unknown>, cases: Map<string, ContractCase>, opts: { folders: readonly string[]; leaveOut?: LeaveOut }): Selection {
  const items = collection.item as Node[];
  if (opts.folders.length > 0) {
    const known = folderNames(items);
    const unknown = opts.folders.filter((f) => !known.includes(f));
    if (unknown.length > 0) throw new SelectionError(`no folder named ${unknown.map((f) => `"${f}"`).join(', ')}; folders are:\n  ${known.join('\n  ')}`);
  }
  const picked = opts.folders.length > 0 ? pick(items, opts.folders, false) : items;
  const leftOut = new Map<string, number>();
  const leftOutItems: Selection['leftOutItems'] = [];
  const { nodes } = prune(picked, (n) => {
    const reason = opts.leaveOut?.(cases.get(n.id ?? ''));
    if (reason !== undefined) {
      leftOut.set(reason, (leftOut.get(reason) ?? 0) + 1);
      leftOutItems.push({ id: n.id ?? '', name: n.name, reason });
    }
    return reason === undefined;
  });
  let requests = 0;
  prune(nodes, () => {
    requests++;
    return true;
  });
  return { collection: { ...collection, item: nodes }, requests, leftOut, leftOutItems };
}

/**
 * The same collection with every poll's wait set to `delayMs`. The runner's own emulator advances a
 * task one documented state per read (step 0), so its polls need no wait; a real server keeps the
 * waits the specs give.
 */
export function withPollDelay(collection: Record<string, unknown>, delayMs: number): Record<string, unknown> {
  const walk = (nodes: Node[]): Node[] =>
    nodes.map((n) => {
      if (n.item) return { ...n, item: walk(n.item) };
      const header = n.request?.header;
      if (!header?.some((h) => h.key === POLL_HEADER)) return n;
      return { ...n, request: { ...n.request, header: header.map((h) => (h.key === POLL_HEADER ? { ...h, value: h.value.replace(/delayMs=\d+/, `delayMs=${delayMs}`) } : h)) } };
    });
  return { ...collection, item: walk(collection.item as Node[]) };
}
