// A source-neutral view of Tencent's own definitions (SDK type declarations or tccli api.json),
// and of our model in the same terms, so the two can be compared field by field.
import { reachableTypes, typeIndex } from '../model/schema.js';
import { kindOf, type KindText } from '../model/kind-text.js';
import type { Field, Model } from '../model/types.js';

export interface RefField {
  name: string;
  kind: KindText;
  /** Request side (or a type's members): must be sent. */
  required: boolean;
  /** Response side: always present. Undefined when the source does not say. */
  always?: boolean;
  /** Response side: may be null. Undefined when the source does not say. */
  nullable?: boolean;
  deprecated: boolean;
}

export interface RefShape {
  fields: Map<string, RefField>;
}

export interface Reference {
  /** e.g. `tencentcloud-sdk-nodejs-asr@4.1.315` or a path to api.json. */
  source: string;
  /** What the source can tell: SDK declarations know neither presence, nullability nor integer/number. */
  knows: { always: boolean; nullable: boolean; integers: boolean };
  actions: Map<string, { request: RefShape; response: RefShape }>;
  types: Map<string, RefShape>;
}

function shapeOf(fields: Field[], side: 'request' | 'response' | 'type', usage?: string): RefShape {
  return {
    fields: new Map(
      fields.map((f) => [
        f.name,
        {
          name: f.name,
          kind: kindOf(f.type),
          required: side !== 'response' && f.required,
          ...(side === 'request' || usage === 'in' ? {} : { always: f.always, nullable: f.nullable }),
          deprecated: f.deprecated,
        },
      ]),
    ),
  };
}

/** Our model in reference terms: the API 3.0 actions and the types they reach (Tencent's definitions know nothing else). */
export function modelAsReference(model: Model): Reference {
  const shapes = model.actions.flatMap((a) => [
    { shape: a.request, direction: 'request' as const },
    { shape: a.response, direction: 'response' as const },
  ]);
  const reachable = new Set(reachableTypes(shapes, typeIndex(model)).map((r) => r.type.name));
  return {
    source: 'specs/',
    knows: { always: true, nullable: true, integers: true },
    actions: new Map(model.actions.map((a) => [a.name, { request: shapeOf(a.request.fields, 'request'), response: shapeOf(a.response.fields, 'response') }])),
    types: new Map(model.types.filter((t) => reachable.has(t.name)).map((t) => [t.name, shapeOf(t.shape.fields, 'type', t.usage)])),
  };
}
