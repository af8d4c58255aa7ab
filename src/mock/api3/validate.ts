// Request parameters against the action's schema, answered in the service's codes with the
// parameter named: missing → MissingParameter, undeclared → UnknownParameter, wrong type or
// malformed → InvalidParameter, outside an enum or range → InvalidParameterValue.
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { Action } from '../../model/types.js';
import type { ModelValidators } from '../../model/validators.js';
import { ApiError } from '../errors.js';
import type { Protocol } from '../protocol.js';

const VALUE_KEYWORDS = new Set(['enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'format', 'uniqueItems']);

function paramPath(instancePath: string, last?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (last !== undefined) parts.push(last);
  return parts.join('.');
}

function classify(e: ErrorObject, protocol: Protocol): { rank: number; error: ApiError } | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { rank: 0, error: new ApiError(protocol.code('missing-parameter'), paramPath(e.instancePath, String(p.missingProperty))) };
    case 'additionalProperties':
      return { rank: 1, error: new ApiError(protocol.code('unknown-parameter'), paramPath(e.instancePath, String(p.additionalProperty))) };
    case 'type':
      return { rank: 2, error: new ApiError(protocol.code('invalid-parameter'), paramPath(e.instancePath)) };
    default:
      return VALUE_KEYWORDS.has(e.keyword) ? { rank: 3, error: new ApiError(protocol.code('invalid-parameter-value'), paramPath(e.instancePath)) } : undefined;
  }
}

/** Throws the one error the service would answer, or returns when the parameters are valid. */
export function validateParams(action: Action, params: unknown, validators: ModelValidators, protocol: Protocol): void {
  const validate = validators.request(action);
  if (validate(params)) return;
  const ranked = (validate.errors ?? [])
    .map((e) => classify(e, protocol))
    .filter((x): x is { rank: number; error: ApiError } => x !== undefined)
    .sort((a, b) => a.rank - b.rank);
  throw ranked[0]?.error ?? new ApiError(protocol.code('invalid-parameter'));
}
