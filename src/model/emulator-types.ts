// The part of the model that tells the local emulator how to behave. Declared in specs/emulator.yaml
// (resource kinds, transcripts) and in each action's `emulator:` block (steps and response bindings).
import type { LocalText } from './audio-types.js';
import type { Expr } from './expr.js';
import type { Literal } from './types.js';

export type Value =
  | { kind: 'expr'; source: string; expr: Expr }
  | { kind: 'literal'; value: unknown }
  | { kind: 'object'; fields: Record<string, Value> }
  | { kind: 'array'; items: Value[] }
  | { kind: 'each'; list: Value; as: Value };

export type ValueMap = Record<string, Value>;

interface StepBase {
  when?: Value;
}

export type Step = StepBase &
  (
    | { op: 'create'; kind: string; assign: ValueMap; omit: string[] }
    | { op: 'find'; kind: string; by?: Value }
    | { op: 'update'; fields: ValueMap | 'params'; omit: string[] }
    | { op: 'delete' }
    | { op: 'updateWhere'; kind: string; where: ValueMap; set: ValueMap }
    | { op: 'query'; kind: string; where: ValueMap; page?: { offset: Value; limit: Value } }
    | { op: 'recognize'; audio: Value; engine?: Value }
    | { op: 'compare'; a: Value; b: Value }
    | { op: 'rank'; kind: string; where: ValueMap; field: string; against: Value; top?: Value }
    | { op: 'meter'; biz: Value; seconds: Value }
    | { op: 'usage'; biz: Value; from: Value; to: Value }
    | { op: 'fail'; error: string; param?: string; rule?: LocalText }
    | { op: 'set'; vars: ValueMap }
  );

export interface Behaviour {
  steps: Step[];
  /** Dotted response paths (`Data.TaskId`) → values. */
  respond: ValueMap;
}

export interface ProgressSpec {
  field: string;
  label?: string;
  steps: { value: Literal; label?: string }[];
  stepMs: number;
}

export interface ResourceKind {
  name: string;
  title: string;
  id: { field: string; style: 'hex32' | 'uuid' | 'uint64' };
  cap: { max: number; error: string };
  /** How long a record lives after its creation, in ms; undefined: until it is deleted. */
  retentionMs?: number;
  notFound: string;
  unique?: { field: string; error: string };
  timestamps?: { created?: string; updated?: string; style: 'rfc3339' | 'plain' };
  progress?: ProgressSpec;
}

export interface Transcript {
  lang: string;
  sentences: string[];
}

/** Which language an engine's transcript is in. */
export interface Languages {
  engines: { pattern: string; lang: string }[];
  fallback: string;
  /** Languages written without spaces between words. */
  unspaced: string[];
}

/** How a refusal names the rule that broke, per rule kind and language. */
export type RuleMessages = Record<string, LocalText>;

export interface EmulatorSpec {
  description: string;
  resources: ResourceKind[];
  transcripts: Transcript[];
  usage: {
    maxEntries: number;
    error: string;
    /** How long a day's usage is kept, in ms; undefined: for ever. */
    retentionMs?: number;
  };
  similarity: { threshold: number };
  languages: Languages;
  audio: { silenceDbfs: number; opaqueKbps: number };
  messages: RuleMessages;
  wire: WireBounds;
}

/** Bounds on what the emulator reads from a connection, where the service documents none (specs: `wire`). */
export interface WireBounds {
  http: { headerBytes: number; headersSeconds: number; requestSeconds: number; bodyIdleSeconds: number; lingerBytes: number; lingerSeconds: number };
  websocket: { frameBytes: number };
  callbacks: { replyBytes: number; timeoutSeconds: number; retryDelayMs: number };
}
