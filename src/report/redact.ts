// What a run may show of its credentials: the SecretId only in part (its last 4 characters, as
// Tencent's console shows it), the key and the session token never. Applied to every line printed,
// every report rendered and every file newman wrote.
import type { CheckResult, RunReport } from './model.js';

/** Values shorter than this are left alone: replacing every "a" in a report would wreck it, and no real credential is that short. */
const MIN_LENGTH = 4;

/** `AKIDLOCALEMULATOR00000000000000000000` → `*********************************0000`. */
export function maskSecretId(secretId: string): string {
  return secretId.length <= 4 ? '****' : `${'*'.repeat(secretId.length - 4)}${secretId.slice(-4)}`;
}

export interface Credentials {
  secretId?: string;
  /** The key, the session token: never shown, in any form. */
  secrets: readonly (string | undefined)[];
}

export type Redact = (text: string) => string;

/** The forms a value takes in a report: as is, URL-encoded (a query string), and escaped inside JSON. */
function forms(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

export function redactor(credentials: Credentials): Redact {
  const pairs: [string, string][] = [];
  for (const secret of credentials.secrets) if (secret && secret.length >= MIN_LENGTH) for (const f of forms(secret)) pairs.push([f, '***']);
  const id = credentials.secretId;
  if (id && id.length >= MIN_LENGTH) for (const f of forms(id)) pairs.push([f, maskSecretId(id)]);
  // Longest first, so that a value inside another is never half replaced.
  pairs.sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const [from, to] of pairs) if (out.includes(from)) out = out.split(from).join(to);
    return out;
  };
}

function redactCheck(c: CheckResult, redact: Redact): CheckResult {
  return {
    ...c,
    suite: redact(c.suite),
    case: redact(c.case),
    name: redact(c.name),
    ...(c.message !== undefined ? { message: redact(c.message) } : {}),
    ...(c.detail !== undefined ? { detail: redact(c.detail) } : {}),
  };
}

/** The report with every text it holds redacted. */
export function redactReport(report: RunReport, redact: Redact): RunReport {
  return {
    ...report,
    title: redact(report.title),
    plan: report.plan.map(redact),
    checks: report.checks.map((c) => redactCheck(c, redact)),
    ...(report.about !== undefined ? { about: redact(report.about) } : {}),
  };
}
