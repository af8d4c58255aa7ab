import type { AudioRules } from './audio-types.js';
import type { Behaviour, EmulatorSpec } from './emulator-types.js';
import type { Callback, Channel, Endpoint } from './surface-types.js';

// The validated model (IR) every target reads. Built once from specs/ by model/build.ts;
// emitters, the emulator and the runner never look at YAML.

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type Scalar = 'string' | 'integer' | 'number' | 'boolean';

export type TypeRef =
  | { kind: 'scalar'; scalar: Scalar }
  | { kind: 'named'; name: string }
  | { kind: 'array'; items: TypeRef };

export type Literal = string | number | boolean;

export interface Constraints {
  enum?: Literal[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  /** For base64 strings: the largest decoded payload in bytes. */
  maxBytes?: number;
}

export interface Field {
  name: string;
  type: TypeRef;
  /** int64 | uint64 | float | date | date-time | byte | uri */
  format?: string;
  description: string;
  example?: unknown;
  default?: Literal;
  /** Request side: the caller must send it. */
  required: boolean;
  /** Response side: present in every successful answer. */
  always: boolean;
  /** Response side: the service may answer null. Requests never carry null. */
  nullable: boolean;
  deprecated: boolean;
  constraints: Constraints;
  /** For base64 fields that carry audio: what the audio must be. */
  audio?: AudioRules;
  /** The value is the id of an emulator resource of this kind (specs/emulator.yaml). */
  references?: string;
  loc: SourceLocation;
}

export interface RequestRule {
  when?: Record<string, Literal>;
  require?: string[];
  requireOneOf?: string[];
  description: string;
}

export interface Shape {
  fields: Field[];
  rules: RequestRule[];
}

export type TypeUsage = 'in' | 'out' | 'both';

export interface NamedType {
  name: string;
  description: string;
  usage: TypeUsage;
  shape: Shape;
  loc: SourceLocation;
}

export interface Example {
  title: string;
  request: Record<string, unknown>;
  /** The object inside `Response`, RequestId included. */
  response: Record<string, unknown>;
}

export type CaseExpectation = 'success' | { error: string };

export interface ContractCase {
  id: string;
  title?: string;
  params: Record<string, unknown>;
  expect: CaseExpectation;
}

export interface Action {
  name: string;
  area: string;
  titleZh: string;
  summary: string;
  description: string;
  /** Creates, changes or deletes resources, or submits billable recognition work. */
  mutating: boolean;
  request: Shape;
  response: Shape;
  examples: Example[];
  errors: string[];
  cases: ContractCase[];
  /** How the local emulator serves it. */
  emulator: Behaviour;
  loc: SourceLocation;
}

/** Repeat a call until `path` in the answer equals `equals`, at most `attempts` times, `delayMs` apart. */
export interface Poll {
  path: string;
  equals: Literal;
  attempts: number;
  delayMs: number;
}

export interface WorkflowStep {
  action: string;
  title: string;
  /** Request parameters; `"{{name}}"` strings are variables captured earlier (or Postman dynamic variables). */
  params: Record<string, unknown>;
  expect: CaseExpectation;
  /** Variable name → dotted path inside `Response`. */
  capture: Record<string, string>;
  poll?: Poll;
}

export interface Workflow {
  name: string;
  title: string;
  description: string;
  steps: WorkflowStep[];
  loc: SourceLocation;
}

export interface Area {
  id: string;
  name: string;
  nameZh: string;
  description: string;
}

export type HeaderRole = 'action' | 'version' | 'timestamp' | 'region' | 'token' | 'language' | 'client';

export interface HeaderSpec {
  name: string;
  role: HeaderRole;
  /** The parameter carrying the same value under the legacy signature. */
  legacy?: string;
  description: string;
  required: boolean;
  enum?: string[];
  example?: string;
}

export type ErrorRole =
  | 'missing-parameter'
  | 'invalid-parameter'
  | 'invalid-parameter-value'
  | 'unknown-parameter'
  | 'invalid-action'
  | 'no-such-version'
  | 'unsupported-protocol'
  | 'request-size'
  | 'invalid-authorization'
  | 'signature-failure'
  | 'signature-expire'
  | 'secret-id-not-found'
  | 'token-failure'
  | 'internal-error';

export const ERROR_ROLES: readonly ErrorRole[] = [
  'missing-parameter',
  'invalid-parameter',
  'invalid-parameter-value',
  'unknown-parameter',
  'invalid-action',
  'no-such-version',
  'unsupported-protocol',
  'request-size',
  'invalid-authorization',
  'signature-failure',
  'signature-expire',
  'secret-id-not-found',
  'token-failure',
  'internal-error',
];

export const REQUIRED_HEADER_ROLES: readonly HeaderRole[] = ['action', 'version', 'timestamp'];

export interface ErrorCode {
  code: string;
  role?: ErrorRole;
  scope: 'common' | 'asr' | 'both';
  description: string;
  message: { 'en-US': string; 'zh-CN': string };
}

/** The emulator's documented test identity and default port. Not a secret. */
export interface LocalSettings {
  secretId: string;
  secretKey: string;
  appId: string;
  port: number;
}

/**
 * Member names of the JSON envelope around every API 3.0 answer:
 * success `{response: {…fields, requestId}}`, failure `{response: {error: {code, message}, requestId}}`.
 */
export interface Envelope {
  response: string;
  requestId: string;
  error: string;
  code: string;
  message: string;
}

/** How a surface's answers look on the wire besides their body (specs: `answer`). */
export interface Answer {
  status: number;
  /** The exact header value; clients compare it character for character. */
  contentType: string;
  /** A header repeating the body's request id. */
  requestIdHeader?: string;
  /** Request headers whose value the answer carries back. */
  echoHeaders: string[];
  description: string;
  choice?: string;
}

export interface Service {
  service: string;
  name: string;
  nameZh: string;
  /** The API version callers send (`2019-06-14`). */
  version: string;
  /** This contract's own semver, carried by every output's `info.version`. */
  contractVersion: string;
  description: string;
  endpoints: { host: string; description: string }[];
  signing: {
    algorithm: 'TC3-HMAC-SHA256';
    scopeService: string;
    timestampToleranceSeconds: number;
    requiredSignedHeaders: string[];
    legacy: {
      methods: ('HmacSHA1' | 'HmacSHA256')[];
      defaultMethod: 'HmacSHA1' | 'HmacSHA256';
      parameters: { secretId: string; nonce: string; signature: string; method: string };
    };
    description: string;
  };
  envelope: Envelope;
  answer: Answer;
  limits: { maxPostBytes: number; maxGetBytes: number };
  headers: HeaderSpec[];
  defaultRegion: string;
  local: LocalSettings;
}

export interface Model {
  service: Service;
  areas: Area[];
  /** Sorted by name. */
  types: NamedType[];
  /** Sorted by area order, then by name. */
  actions: Action[];
  /** Sorted by code. */
  errors: ErrorCode[];
  emulator: EmulatorSpec;
  /** Sorted by name. */
  workflows: Workflow[];
  /** Non-API-3.0 HTTP endpoints (flash recognition), sorted by name. */
  endpoints: Endpoint[];
  /** WebSocket channels, sorted by name. */
  channels: Channel[];
  /** Callbacks the service delivers, sorted by name. */
  callbacks: Callback[];
}
