// Reads a tccli `api.json` (the definition file shipped inside the tccli Python package).
import { readFileSync } from 'node:fs';
import type { RefField, RefShape, Reference } from './reference.js';
import { ReferenceUnavailable } from './sdk-declarations.js';

interface ApiMember {
  name: string;
  type: string;
  member: string;
  required?: boolean;
  output_required?: boolean;
  value_allowed_null?: boolean;
  disabled?: boolean;
}
interface ApiJson {
  actions: Record<string, { input: string; output: string }>;
  objects: Record<string, { members: ApiMember[]; usage?: string }>;
}

const SCALAR: Record<string, string> = { int: 'integer', float: 'number', string: 'string', bool: 'boolean' };
const LIST_SCALAR: Record<string, string> = { string: 'string', int64: 'integer', uint64: 'integer', float: 'number', bool: 'boolean' };

function kind(m: ApiMember): string {
  if (m.type === 'object') return `object:${m.member}`;
  if (m.type === 'list') return `${LIST_SCALAR[m.member] ?? `object:${m.member}`}[]`;
  return SCALAR[m.type] ?? m.type;
}

/** `requestIdField` is the envelope's request-id member, which api.json lists on every response. */
export function readTccliApi(path: string, requestIdField: string): Reference {
  let api: ApiJson;
  try {
    api = JSON.parse(readFileSync(path, 'utf8')) as ApiJson;
  } catch (e) {
    throw new ReferenceUnavailable(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (!api.actions || !api.objects) throw new ReferenceUnavailable(`${path} is not a tccli api.json (no "actions"/"objects")`);
  const shape = (name: string, side: 'request' | 'response' | 'type', usage?: string): RefShape => {
    const fields = new Map<string, RefField>();
    for (const m of api.objects[name]?.members ?? []) {
      if (side === 'response' && m.name === requestIdField) continue;
      const responseSide = side === 'response' || (side === 'type' && usage !== 'in');
      fields.set(m.name, {
        name: m.name,
        kind: kind(m),
        required: side !== 'response' && m.required === true,
        ...(responseSide ? { always: m.output_required === true, nullable: m.value_allowed_null === true } : {}),
        deprecated: m.disabled === true,
      });
    }
    return { fields };
  };
  const actions = new Map(Object.entries(api.actions).map(([name, a]) => [name, { request: shape(a.input, 'request'), response: shape(a.output, 'response') }]));
  const types = new Map(
    Object.entries(api.objects)
      .filter(([name]) => !/(Request|Response)$/.test(name))
      .map(([name, o]) => [name, shape(name, 'type', o.usage ?? 'out')]),
  );
  return { source: path, knows: { always: true, nullable: true, integers: true }, actions, types };
}
