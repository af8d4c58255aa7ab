// Writes a model out in tccli api.json form, so the drift tests have a reference to mutate without
// needing ../shared. Mirrors the reader in src/drift/tccli-api.ts.
import { reachableTypes, typeIndex } from '../../src/model/schema.js';
import type { Field, Model, TypeRef } from '../../src/model/types.js';

export interface ApiMember {
  name: string;
  type: string;
  member: string;
  required: boolean;
  output_required: boolean;
  value_allowed_null: boolean;
  disabled: boolean;
}
export interface ApiJson {
  actions: Record<string, { input: string; output: string }>;
  objects: Record<string, { members: ApiMember[]; usage?: string; type: 'object' }>;
}

const SCALAR = { integer: 'int', number: 'float', string: 'string', boolean: 'bool' } as const;
const LIST_SCALAR = { integer: 'int64', number: 'float', string: 'string', boolean: 'bool' } as const;

function typeAndMember(t: TypeRef): { type: string; member: string } {
  if (t.kind === 'named') return { type: 'object', member: t.name };
  if (t.kind === 'array') return { type: 'list', member: t.items.kind === 'scalar' ? LIST_SCALAR[t.items.scalar] : t.items.kind === 'named' ? t.items.name : 'list' };
  return { type: SCALAR[t.scalar], member: t.scalar === 'integer' ? 'int64' : t.scalar };
}

const member = (f: Field): ApiMember => ({
  name: f.name,
  ...typeAndMember(f.type),
  required: f.required,
  output_required: f.always,
  value_allowed_null: f.nullable,
  disabled: f.deprecated,
});

export function modelAsTccliApi(model: Model): ApiJson {
  const api: ApiJson = { actions: {}, objects: {} };
  for (const a of model.actions) {
    api.actions[a.name] = { input: `${a.name}Request`, output: `${a.name}Response` };
    api.objects[`${a.name}Request`] = { type: 'object', members: a.request.fields.map(member) };
    const requestId = { name: 'RequestId', type: 'string', member: 'string', required: false, output_required: true, value_allowed_null: false, disabled: false };
    api.objects[`${a.name}Response`] = { type: 'object', members: [...a.response.fields.map(member), requestId] };
  }
  const shapes = model.actions.flatMap((a) => [
    { shape: a.request, direction: 'request' as const },
    { shape: a.response, direction: 'response' as const },
  ]);
  for (const { type } of reachableTypes(shapes, typeIndex(model))) {
    api.objects[type.name] = { type: 'object', usage: type.usage, members: type.shape.fields.map(member) };
  }
  return api;
}
