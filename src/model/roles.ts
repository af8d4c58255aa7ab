// Protocol facts by role: code that needs "the action header" or "the signature-failure code"
// asks the model, so header names and error codes stay in specs/service.yaml and specs/errors.yaml.
import type { ErrorRole, HeaderRole, Model } from './types.js';

/** For roles every service must declare (REQUIRED_HEADER_ROLES); the spec checks guarantee them. */
export function headerName(model: Model, role: HeaderRole): string {
  const name = optionalHeaderName(model, role);
  if (!name) throw new Error(`specs/service.yaml declares no header with role "${role}"`);
  return name;
}

export function optionalHeaderName(model: Model, role: HeaderRole): string | undefined {
  return model.service.headers.find((x) => x.role === role)?.name;
}

export function errorCode(model: Model, role: ErrorRole): string {
  const e = model.errors.find((x) => x.role === role);
  if (!e) throw new Error(`specs/errors.yaml declares no code with role "${role}"`);
  return e.code;
}
