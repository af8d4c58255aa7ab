// Request parameters against the action's schema, answered in the service's codes with the
// parameter named: missing → MissingParameter, undeclared → UnknownParameter, wrong type or
// malformed → InvalidParameter, outside an enum or range → InvalidParameterValue. Each refusal
// also carries the rule that broke (allowed values, the limit, base64, the condition).
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Action, Field, Model, Shape } from '../../model/types.js';
import type { ModelValidators } from '../../model/validators.js';
import { ApiError, type RuleText } from '../errors.js';
import type { Protocol } from '../protocol.js';

const VALUE_KEYWORDS = new Set(['enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'maxBase64Length', 'pattern', 'minItems', 'maxItems', 'format', 'uniqueItems']);
const SHOWN_VALUES = 5;
const FORMAT_EXAMPLES: Record<string, string> = { date: '2024-05-08', 'date-time': '2024-05-08T10:00:00+08:00', uri: 'https://example.com/a.wav' };

function pathParts(instancePath: string, last?: string): string[] {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (last !== undefined) parts.push(last);
  return parts;
}

/** The declared field at a parameter path (`WordWeights.0.Weight`), through lists and shared types. */
function fieldAt(model: Model, shape: Shape, parts: string[]): Field | undefined {
  let fields = shape.fields;
  let field: Field | undefined;
  for (const part of parts) {
    if (/^\d+$/.test(part) && field?.type.kind === 'array') continue;
    field = fields.find((f) => f.name === part);
    if (!field) return undefined;
    let t = field.type;
    while (t.kind === 'array') t = t.items;
    fields = t.kind === 'named' ? (model.types.find((x) => x.name === t.name)?.shape.fields ?? []) : [];
  }
  return field;
}

/** `a, b, c, d, e, … (27 in all)`: the first few allowed values. */
export function valueList(values: readonly unknown[]): string {
  const shown = values.slice(0, SHOWN_VALUES).map(String).join(', ');
  return values.length > SHOWN_VALUES ? `${shown}, … (${values.length} in all)` : shown;
}

function condition(when: Record<string, unknown>): string {
  return Object.entries(when)
    .map(([k, v]) => `\`${k}\` = ${String(v)}`)
    .join(', ');
}

function valueRule(e: ErrorObject, field: Field | undefined, value: unknown): RuleText | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      return { kind: 'enum', args: { values: valueList(p.allowedValues as unknown[]) } };
    case 'const':
      return { kind: 'enum', args: { values: valueList([p.allowedValue]) } };
    case 'minimum':
    case 'exclusiveMinimum':
      return { kind: 'minimum', args: { limit: String(p.limit) } };
    case 'maximum':
    case 'exclusiveMaximum':
      return { kind: 'maximum', args: { limit: String(p.limit) } };
    case 'maxLength':
    case 'maxBase64Length':
      if (field?.constraints.maxBytes !== undefined) {
        return { kind: 'maxBytes', args: { limit: field.constraints.maxBytes, chars: String(p.limit), actual: typeof value === 'string' ? value.length : 0 } };
      }
      return { kind: 'maxLength', args: { limit: String(p.limit) } };
    case 'minLength':
    case 'minItems':
    case 'maxItems':
      return { kind: e.keyword, args: { limit: String(p.limit) } };
    case 'pattern':
      return { kind: 'pattern', args: { pattern: String(p.pattern) } };
    case 'format':
      if (p.format === 'byte') return { kind: 'base64', args: {} };
      return { kind: 'format', args: { format: String(p.format), example: FORMAT_EXAMPLES[String(p.format)] ?? '' } };
    default:
      return undefined;
  }
}

function valueAt(params: unknown, parts: string[]): unknown {
  let v = params;
  for (const part of parts) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function classify(e: ErrorObject, action: Action, model: Model, params: unknown, protocol: Protocol): { rank: number; error: ApiError } | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const parts = pathParts(e.instancePath, String(p.missingProperty));
      // A cross-field rule (`allOf/N/then/required`) says when the parameter becomes required.
      const m = e.instancePath === '' ? /^#\/allOf\/(\d+)\/then\//.exec(e.schemaPath) : null;
      const when = m ? action.request.rules[Number(m[1])]?.when : undefined;
      return { rank: 0, error: new ApiError(protocol.code('missing-parameter'), parts.join('.'), undefined, when ? { kind: 'requiredWhen', args: { condition: condition(when) } } : undefined) };
    }
    case 'additionalProperties':
      return { rank: 1, error: new ApiError(protocol.code('unknown-parameter'), pathParts(e.instancePath, String(p.additionalProperty)).join('.')) };
    case 'type': {
      const parts = pathParts(e.instancePath);
      const field = fieldAt(model, action.request, parts);
      const type = [p.type].flat().join(' or ') + (field?.format && field.format !== 'byte' ? ` (${field.format})` : '');
      return { rank: 2, error: new ApiError(protocol.code('invalid-parameter'), parts.join('.'), undefined, { kind: 'type', args: { type } }) };
    }
    default: {
      if (!VALUE_KEYWORDS.has(e.keyword)) return undefined;
      const parts = pathParts(e.instancePath);
      const rule = valueRule(e, fieldAt(model, action.request, parts), valueAt(params, parts));
      return { rank: 3, error: new ApiError(protocol.code('invalid-parameter-value'), parts.join('.'), undefined, rule) };
    }
  }
}

/** Throws the one error the service would answer, or returns when the parameters are valid. */
export function validateParams(action: Action, params: unknown, validators: ModelValidators, protocol: Protocol): void {
  const validate = validators.request(action);
  if (validate(params)) return;
  const ranked = (validate.errors ?? [])
    .map((e) => classify(e, action, protocol.model, params, protocol))
    .filter((x): x is { rank: number; error: ApiError } => x !== undefined)
    .sort((a, b) => a.rank - b.rank);
  throw ranked[0]?.error ?? new ApiError(protocol.code('invalid-parameter'));
}
