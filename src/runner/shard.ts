// --shard K/N: a deterministic share of the run for one CI job. The run is cut into units that are
// never split: each folder's own requests (a product-area folder and a workflow are lifecycles whose
// ids flow from request to request), each WebSocket channel's sessions and each callback case. Units
// go to shards by weight, heaviest first, each to the lightest shard so far (ties: collection order,
// then the lower shard), so the shares are close in time and every unit runs in exactly one shard.
import { POLL_HEADER } from '../collection/case-request.js';

export interface Shard {
  index: number;
  total: number;
}

export class ShardError extends Error {}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new ShardError(`--shard takes K/N, the shard to run and how many there are (e.g. 2/3), got "${value}"`);
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) throw new ShardError(`--shard ${value}: K must be between 1 and N`);
  return { index, total };
}

/** Static weights, in "one request" units: a poll repeats its request, a callback case waits for deliveries. */
export const COST = { request: 1, poll: 5, webSocketSession: 1, callbackCase: 10 } as const;

export interface ShardUnit {
  /** `collection: Workflows / Voiceprint lifecycle`, `websocket: realtime`, `callback: RecTaskCallback`. */
  key: string;
  cost: number;
}

interface Node {
  name: string;
  item?: Node[];
  request?: { header?: { key: string }[] };
}

const folderKey = (trail: readonly string[]): string => `collection: ${trail.join(' / ') || '(top level)'}`;
const requestCost = (n: Node): number => (n.request?.header?.some((h) => h.key === POLL_HEADER) ? COST.poll : COST.request);

/** The collection's units, in collection order: the requests directly inside each folder. */
export function collectionUnits(collection: Record<string, unknown>): ShardUnit[] {
  const units = new Map<string, number>();
  const walk = (nodes: readonly Node[], trail: string[]): void => {
    for (const n of nodes) {
      if (n.item) walk(n.item, [...trail, n.name]);
      else units.set(folderKey(trail), (units.get(folderKey(trail)) ?? 0) + requestCost(n));
    }
  };
  walk((collection.item ?? []) as Node[], []);
  return [...units].map(([key, cost]) => ({ key, cost }));
}

export const webSocketKey = (channel: string): string => `websocket: ${channel}`;
export const callbackKey = (callback: string): string => `callback: ${callback}`;
export const webSocketUnit = (channel: string, sessions: number): ShardUnit => ({ key: webSocketKey(channel), cost: sessions * COST.webSocketSession });
export const callbackUnit = (callback: string): ShardUnit => ({ key: callbackKey(callback), cost: COST.callbackCase });

/** The shard (1-based) of every unit. */
export function assignUnits(units: readonly ShardUnit[], total: number): Map<string, number> {
  const load = Array.from({ length: total }, () => 0);
  const order = units.map((u, i) => ({ u, i })).sort((a, b) => b.u.cost - a.u.cost || a.i - b.i);
  const out = new Map<string, number>();
  for (const { u } of order) {
    let best = 0;
    for (let s = 1; s < total; s++) if (load[s]! < load[best]!) best = s;
    load[best]! += u.cost;
    out.set(u.key, best + 1);
  }
  return out;
}

/** The collection with only the requests of the units kept; folders left empty are dropped. */
export function keepUnits(collection: Record<string, unknown>, keep: ReadonlySet<string>): Record<string, unknown> {
  const walk = (nodes: readonly Node[], trail: string[]): Node[] =>
    nodes.flatMap((n) => {
      if (!n.item) return keep.has(folderKey(trail)) ? [n] : [];
      const kids = walk(n.item, [...trail, n.name]);
      return kids.length > 0 ? [{ ...n, item: kids }] : [];
    });
  return { ...collection, item: walk((collection.item ?? []) as Node[], []) };
}
