// The emulator and runner find headers and error codes by role; each role must be filled once.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import type { Sources } from '../build.js';
import { ERROR_ROLES, REQUIRED_HEADER_ROLES, type Model } from '../types.js';

export function checkRoles(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  const errorsFile = sources.errors!;
  const serviceFile = sources.service!;
  const seen = new Map<string, string>();
  for (const e of model.errors) {
    if (!e.role) continue;
    const first = seen.get(e.role);
    if (first) out.push(diagnosticAt(errorsFile, ['errors', e.code, 'role'], 'duplicate-role', `role \`${e.role}\` is already given to \`${first}\``));
    else seen.set(e.role, e.code);
  }
  for (const role of ERROR_ROLES) {
    if (!seen.has(role)) out.push(diagnosticAt(errorsFile, ['errors'], 'missing-role', `no error code has \`role: ${role}\`; the emulator needs one`, { atKey: true }));
  }
  const headerRoles = new Map<string, string>();
  for (const h of model.service.headers) {
    const first = headerRoles.get(h.role);
    if (first) out.push(diagnosticAt(serviceFile, ['headers', h.name, 'role'], 'duplicate-role', `role \`${h.role}\` is already given to header \`${first}\``));
    else headerRoles.set(h.role, h.name);
  }
  for (const role of REQUIRED_HEADER_ROLES) {
    if (!headerRoles.has(role)) out.push(diagnosticAt(serviceFile, ['headers'], 'missing-role', `no header has \`role: ${role}\``, { atKey: true }));
  }
  return out;
}
