// `asr-contract verify`: the proxy's verdicts, offline, over the entries of a HAR file. Each entry
// goes through the same inspection and the same checks as a live exchange, at the time the entry
// was sent. A signature the recording removed cannot be checked again: the verdict this proxy
// recorded beside it is given instead, and without one the check is skipped, saying why.
import type { IncomingCall } from '../mock/api3/stages.js';
import { api3Checks, requestIdOf, signatureCheck } from './api3-exchange.js';
import { inspectApi3 } from './api3-inspect.js';
import { answerText } from './client-answer.js';
import type { CheckContext } from './context.js';
import { endpointChecks, endpointRequestId, inspectEndpoint } from './endpoint-exchange.js';
import type { Exchange, ExchangeCheck } from './exchange.js';
import { classifyEntry, type HarHttp, type HarSession } from './har-read.js';
import { signatureRemoved } from './har-redact.js';
import { REMOVED } from './redact.js';
import type { ExchangeSession } from './session.js';
import { inspectChannel } from './ws-inspect.js';
import { frameChecks, sessionIdOf } from './ws-messages.js';

const MAX_ANSWER_BYTES = 64 * 1024 * 1024;
const REMOVED_FORMS = [REMOVED, encodeURIComponent(REMOVED)];
const RECORDED = 'the recording removed the signature; this is the verdict the proxy recorded';

/** Why the signature cannot be checked here, when it cannot. */
function removedReason(e: HarHttp | HarSession, texts: string[]): string | undefined {
  if (e.note) return RECORDED;
  return texts.some((t) => REMOVED_FORMS.some((r) => t.includes(r))) ? 'the recording removed the signature' : undefined;
}

export interface VerifyCounts {
  checked: number;
  /** Entries that are not ASR traffic, by reason. */
  skipped: Map<string, number>;
}

export async function verifyEntries(entries: readonly unknown[], ctx: CheckContext, session: ExchangeSession): Promise<VerifyCounts> {
  const skipped = new Map<string, number>();
  let checked = 0;
  for (const raw of entries) {
    const e = classifyEntry(raw, ctx.model);
    if (e.kind === 'skip') {
      skipped.set(e.reason, (skipped.get(e.reason) ?? 0) + 1);
      continue;
    }
    checked++;
    session.add(await verifyOne(e, ctx));
  }
  return { checked, skipped };
}

async function verifyOne(e: HarHttp | HarSession, ctx: CheckContext): Promise<Exchange> {
  const base = { startedMs: e.startedMs, durationMs: e.durationMs };
  if (e.kind === 'channel') {
    const removed = removedReason(e, [e.query]);
    const insp = inspectChannel(e.channel, { path: e.path, pathParams: e.pathParams, query: e.query, host: e.host }, ctx, { now: e.startedMs, offline: true, ...(removed ? { signatureRemoved: removed } : {}) });
    const signature = e.note?.signature ?? insp.signature;
    const checks: ExchangeCheck[] = [signatureCheck(ctx, signature, () => `/request/query/${e.channel.signature.parameter ?? 'signature'}`)];
    if (signature.status !== 'refused') checks.push(...frameChecks(ctx, e.channel, e.frames, insp.refusedWith));
    const id = sessionIdOf(e.frames, e.channel.parameterRoles.session);
    return { ...base, surface: e.channel.name, ...(id ? { requestId: id } : {}), checks };
  }
  const call: IncomingCall = { method: e.method, path: e.path, query: e.query, headers: e.headers, body: e.body };
  const answer = { ...e.answer, from: 'upstream' as const };
  const text = answerText(answer, MAX_ANSWER_BYTES);
  if (e.kind === 'endpoint') {
    const endpoint = e.endpoint!;
    const header = endpoint.signature.header ? String(e.headers[endpoint.signature.header.toLowerCase()] ?? '') : '';
    const removed = removedReason(e, [header, e.query]);
    const insp = await inspectEndpoint(endpoint, { ...call, pathParams: e.pathParams, tooLarge: false }, ctx, { now: e.startedMs, offline: true, ...(removed ? { signatureRemoved: removed } : {}) });
    if (e.note) insp.signature = e.note.signature;
    const id = endpointRequestId(endpoint, text);
    return { ...base, surface: endpoint.name, ...(id ? { requestId: id } : {}), checks: endpointChecks(ctx, endpoint, insp, answer, MAX_ANSWER_BYTES) };
  }
  const authorization = String(e.headers.authorization ?? '');
  const removed = removedReason(e, [e.query, e.body.length < 65_536 ? e.body.toString('utf8') : '']) ?? (signatureRemoved(authorization) ? 'the recording removed the signature' : undefined);
  const insp = await inspectApi3(call, ctx, { now: e.startedMs, offline: true, ...(removed ? { signatureRemoved: removed } : {}) });
  if (e.note) insp.signature = e.note.signature;
  const id = requestIdOf(ctx, text);
  return { ...base, surface: 'API 3.0', ...(insp.action ? { action: insp.action } : {}), ...(id ? { requestId: id } : {}), checks: api3Checks(ctx, insp, answer, MAX_ANSWER_BYTES) };
}
