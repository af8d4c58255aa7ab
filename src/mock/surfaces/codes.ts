// Numeric status codes of flash and the WebSockets, looked up by the role the spec gives them.
import type { NumericCode } from '../../model/surface-types.js';

export class SurfaceError extends Error {
  constructor(
    readonly role: string,
    readonly detail?: string,
  ) {
    super(detail ? `${role}: ${detail}` : role);
  }
}

export function codeFor(codes: readonly NumericCode[], role: string): NumericCode {
  const c = codes.find((x) => x.role === role);
  if (!c) throw new Error(`no code with role ${role}`); // the surface-roles rule prevents this
  return c;
}

export function statusOf(codes: readonly NumericCode[], role: string, detail?: string): { code: number; message: string } {
  const c = codeFor(codes, role);
  const base = c.message ?? c.description;
  return { code: c.code, message: detail ? `${base} (${detail})` : base };
}

/** The status for a code the spec names by number (an audio rule's code, "4007"). */
export function statusByCode(codes: readonly NumericCode[], code: string, detail?: string): { code: number; message: string } {
  const c = codes.find((x) => String(x.code) === code);
  if (!c) throw new Error(`no code ${code}`); // the audio rules check prevents this
  const base = c.message ?? c.description;
  return { code: c.code, message: detail ? `${base} (${detail})` : base };
}
