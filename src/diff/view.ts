// What one version of the contract means to a client, read from its compiled documents (OpenAPI and
// AsyncAPI). Every version is compared in this form: documents committed years ago and documents
// emitted from today's specs go through the same reader, so a change to the spec format or to the
// compiler never looks like a change to the contract.

export type Side = 'request' | 'response';
export type SurfaceKind = 'action' | 'endpoint' | 'callback' | 'channel';

export interface ViewField {
  name: string;
  /** `string`, `integer`, `object:Task`, `string[]` … (the same terms as the model's kindOf). */
  kind: string;
  /** Request side: callers must send it. */
  required: boolean;
  /** Response side: present in every answer. */
  always: boolean;
  nullable: boolean;
  deprecated: boolean;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  description?: string;
  /** Canonical JSON of the field's example. */
  example?: string;
}

export interface ViewRule {
  /** What the rule demands, in a form that does not depend on how the schema spelled it. */
  key: string;
  description: string;
}

export interface ViewShape {
  fields: ViewField[];
  rules: ViewRule[];
  sides: Side[];
}

export interface ViewError {
  description?: string;
  messages: Record<string, string>;
}

export interface ContractView {
  /** The contract's semver (`info.version`); undefined for documents from before it had one. */
  version?: string;
  /** What clients call or connect to, by name: API 3.0 actions (a JSON body), other HTTP endpoints, callbacks, WebSocket channels. */
  surfaces: Map<string, SurfaceKind>;
  /** Every shape clients depend on: `<Action>.request`, `<Action>.response`, `types.<Type>`, `<channel>.<message>` … */
  shapes: Map<string, ViewShape>;
  /** Texts readers see, by owner and kind: `GetItem` → { summary, description }. */
  texts: Map<string, Record<string, string>>;
  /** Named examples by owner: `GetItem` → `request read-item-7` → canonical JSON. */
  examples: Map<string, Map<string, string>>;
  /** Error codes an action documents beyond the common ones. */
  actionErrors: Map<string, string[]>;
  /** The error catalogue; undefined when the documents do not carry it. */
  errors?: Map<string, ViewError>;
}

export function emptyView(): ContractView {
  return { surfaces: new Map(), shapes: new Map(), texts: new Map(), examples: new Map(), actionErrors: new Map() };
}

/** JSON with object keys sorted, so equal values compare equal however they were written. */
export function canonical(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
    );
  };
  return JSON.stringify(sort(value)) ?? 'undefined';
}
