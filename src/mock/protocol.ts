// The model seen as a protocol: which header carries the action, which code answers a missing
// parameter, and so on. Generic machinery asks by role; the names themselves live in specs/.
import type { ErrorRole, HeaderRole, Model } from '../model/types.js';

export class Protocol {
  private readonly headers = new Map<HeaderRole, { name: string; legacy?: string }>();
  private readonly codes = new Map<ErrorRole, string>();
  readonly actions: Map<string, Model['actions'][number]>;
  readonly errorCodes: Set<string>;

  constructor(readonly model: Model) {
    for (const h of model.service.headers) this.headers.set(h.role, { name: h.name.toLowerCase(), ...(h.legacy ? { legacy: h.legacy } : {}) });
    for (const e of model.errors) if (e.role) this.codes.set(e.role, e.code);
    this.actions = new Map(model.actions.map((a) => [a.name, a]));
    this.errorCodes = new Set(model.errors.map((e) => e.code));
  }

  /** Lower-case header name for a role. */
  header(role: HeaderRole): string {
    return this.headers.get(role)?.name ?? `x-unknown-${role}`;
  }

  /** Parameter name for a role under the legacy signature. */
  legacy(role: HeaderRole): string {
    return this.headers.get(role)?.legacy ?? role;
  }

  /** Every parameter name the legacy signature adds beside an action's own parameters. */
  legacyCommonParams(): Set<string> {
    const p = this.model.service.signing.legacy.parameters;
    return new Set([...[...this.headers.values()].map((h) => h.legacy).filter((x): x is string => !!x), p.secretId, p.nonce, p.signature, p.method]);
  }

  code(role: ErrorRole): string {
    const c = this.codes.get(role);
    if (!c) throw new Error(`specs/errors.yaml has no code with role ${role}`); // the roles rule prevents this
    return c;
  }
}
