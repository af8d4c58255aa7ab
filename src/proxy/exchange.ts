// One proxied exchange (an API 3.0 call, a flash call, a WebSocket session) and what was checked
// on it. The live proxy and `asr-contract verify` build the same records; the violation lines, the
// report and the HAR recording are all made from them.
import type { Finding } from '../runner/answer-checks.js';

export type ExchangeCheckStatus = 'passed' | 'failed' | 'skipped';

export interface ExchangeCheck {
  name: string;
  status: ExchangeCheckStatus;
  /** For a failed check: what broke, with the JSON pointer. */
  findings: Finding[];
  /** More than one line may go here (a signature diagnosis); never a secret. */
  detail?: string;
}

export interface Exchange {
  startedMs: number;
  durationMs: number;
  /** `API 3.0`, an endpoint's name (`FlashRecognition`) or a channel's (`realtime`). */
  surface: string;
  /** The action an API 3.0 call named. */
  action?: string;
  requestId?: string;
  checks: ExchangeCheck[];
}

/** The suite a report groups the exchange under: the action, else the surface. */
export const suiteOf = (x: Exchange): string => x.action ?? x.surface;

export const failedChecks = (x: Exchange): ExchangeCheck[] => x.checks.filter((c) => c.status === 'failed');

export function passed(name: string, detail?: string): ExchangeCheck {
  return { name, status: 'passed', findings: [], ...(detail ? { detail } : {}) };
}

export function failed(name: string, findings: Finding[], detail?: string): ExchangeCheck {
  return { name, status: 'failed', findings, ...(detail ? { detail } : {}) };
}

export function skipped(name: string, why: string): ExchangeCheck {
  return { name, status: 'skipped', findings: [], detail: why };
}

/** AnswerChecks as exchange checks. */
export function fromAnswerChecks(checks: readonly { name: string; ok: boolean; findings: Finding[] }[]): ExchangeCheck[] {
  return checks.map((c) => (c.ok ? passed(c.name) : failed(c.name, c.findings)));
}
