// What never leaves the proxy: keys, signatures and tokens are removed, and a SecretId shows only
// its last 4 characters, in every line, report and recording it writes.

import { maskSecretId } from '../report/redact.js';

export { maskSecretId };

export const REMOVED = '<removed>';

/** Masks the SecretIds it has seen and removes the secrets it was given, wherever they appear in a text. */
export class Redactor {
  private readonly ids = new Set<string>();
  private readonly secrets: string[];

  constructor(secretIds: readonly string[], secrets: readonly string[]) {
    for (const id of secretIds) this.addSecretId(id);
    this.secrets = secrets.filter((s) => s.length >= 4);
  }

  /** A SecretId a client claimed: masked from now on too. */
  addSecretId(id: string | undefined): void {
    if (id && id.length >= 4) this.ids.add(id);
  }

  text(s: string): string {
    let out = s;
    for (const secret of this.secrets) out = out.split(secret).join(REMOVED);
    for (const id of this.ids) out = out.split(id).join(maskSecretId(id));
    return out;
  }
}
