// Before any case runs, one read-only call checks that the target is an API 3.0 server that accepts
// the run's credentials. A closed port, a server of another kind or a TLS failure ends the run at
// once with one line, instead of hundreds of failures (or, worse, passes) against nothing.
import { errorCode } from '../model/roles.js';
import type { CheckResult } from '../report/model.js';
import type { ErrorRole, Model } from '../model/types.js';
import { describeFetchError, sendAction } from './api3-call.js';
import { maskSecretId } from '../report/redact.js';
import { isLocal, type Target } from './target.js';

export const PREFLIGHT_TIMEOUT_MS = 8_000;

const AUTH_ROLES: ErrorRole[] = ['invalid-authorization', 'secret-id-not-found', 'signature-expire', 'signature-failure', 'token-failure'];

/** The read-only action with the smallest example: what the preflight calls. */
export function preflightAction(model: Model): { action: string; params: Record<string, unknown> } {
  const candidates = model.actions.filter((a) => !a.mutating && a.examples.length > 0);
  const pick = candidates.sort((a, b) => Object.keys(a.examples[0]!.request).length - Object.keys(b.examples[0]!.request).length || a.name.localeCompare(b.name))[0];
  if (!pick) throw new Error('specs/ declare no read-only action with an example to check the target with');
  return { action: pick.name, params: pick.examples[0]!.request };
}

const snippet = (text: string): string => JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** Undefined when the target answered as an API 3.0 server that accepts the credentials; otherwise the one line to print. */
export async function preflight(model: Model, target: Target, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<string | undefined> {
  const { action, params } = preflightAction(model);
  const where = target.baseUrl;
  const env = model.service.envelope;
  let answer;
  try {
    answer = await sendAction(model, where, target.values, action, params, timeoutMs);
  } catch (e) {
    const why = describeFetchError(e);
    // Nothing on this machine's port: most often an emulator that was not started (yet).
    const hint = !target.emulator && isLocal(where) ? `; start one with \`asr-contract mock --port ${new URL(where).port || 80}\`` : '';
    return `cannot reach the API 3.0 server at ${where}: ${why === 'no answer in time' ? `no answer within ${timeoutMs / 1000} s` : why}${hint}`;
  }
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    body = undefined;
  }
  const envelope = body && typeof body === 'object' ? (body as Record<string, unknown>)[env.response] : undefined;
  const requestId = envelope && typeof envelope === 'object' ? (envelope as Record<string, unknown>)[env.requestId] : undefined;
  if (typeof requestId !== 'string') {
    return `${where} is not an API 3.0 server: ${action} answered HTTP ${answer.status} (${answer.contentType || 'no Content-Type'}) without ${env.response}.${env.requestId}: ${snippet(answer.text)}`;
  }
  const error = (envelope as Record<string, unknown>)[env.error] as Record<string, unknown> | undefined;
  const code = error && typeof error === 'object' ? String(error[env.code]) : undefined;
  if (code && AUTH_ROLES.map((r) => errorCode(model, r)).includes(code)) {
    const id = maskSecretId(target.values.secretId);
    const whose = target.credentials === 'environment' ? `the key pair in TENCENTCLOUD_SECRET_ID (${id})` : `the local test pair (${id})`;
    const hint =
      target.credentials === 'environment'
        ? 'an emulator accepts its local test pair and the TENCENTCLOUD_* pair it was started with: start it with the same values, or unset them here to use the local pair'
        : 'the local test pair opens only asr-contract mock: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY for any other server';
    return `${where} refused ${whose}: ${code} (${String(error![env.message])}); ${hint}`;
  }
  return undefined;
}

/** The preflight as the reports show it: one check, which fails with the line the run prints. */
export async function preflightCheck(model: Model, target: Target, timeoutMs = PREFLIGHT_TIMEOUT_MS): Promise<{ check: CheckResult; problem?: string }> {
  const started = performance.now();
  const problem = await preflight(model, target, timeoutMs);
  const check: CheckResult = {
    suite: 'preflight',
    // No address in the case: each shard checks its own emulator, and their checks are one check.
    case: preflightAction(model).action,
    name: 'the target answers as an API 3.0 server and accepts the credentials',
    status: problem ? 'failed' : 'passed',
    ...(problem ? { message: problem } : {}),
    durationMs: performance.now() - started,
    source: 'preflight',
  };
  return { check, ...(problem ? { problem } : {}) };
}
