// Callbacks: a task created with a callback URL finishes on its own after a delay and the emulator
// POSTs the result there, in the spec's format (body bindings, Content-Type, headers such as
// CheckSum), retrying as documented. Only loopback addresses unless a host is explicitly allowed, so
// the emulator cannot be turned against the network it runs in; and a receiver's reply is read only
// up to the bound and deadline of specs/emulator.yaml `wire`, so a receiver cannot hold its memory
// or a delivery either.
import { evaluateValue, Scope } from '../../model/expr-eval.js';
import type { Callback } from '../../model/surface-types.js';
import type { Model } from '../../model/types.js';
import { recognize } from '../behaviour/recognize.js';
import { synthesize } from '../behaviour/synthesize.js';
import { isLoopbackHost } from '../../loopback.js';
import type { EmulatorOptions } from '../options.js';
import type { Store, StoredRecord } from '../state/store.js';
import { postBounded } from './post.js';

export interface Delivery {
  callback: string;
  url: string;
  attempt: number;
  status?: number;
  ok: boolean;
  error?: string;
}

export class CallbackScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  /** How often each (host, reason) failed, so that it is logged once. */
  private readonly logged = new Map<string, number>();
  readonly deliveries: Delivery[] = [];

  constructor(
    private readonly model: Model,
    private readonly options: EmulatorOptions,
    private readonly store: () => Store,
  ) {}

  /** Called by the store for every new record. */
  onInsert(kind: string, record: StoredRecord): void {
    for (const cb of this.model.callbacks) {
      if (cb.emulator?.resource !== kind) continue;
      const url = record[cb.urlParameter];
      if (typeof url !== 'string' || url === '') continue;
      this.later(this.options.callbackDelayMs, () => this.deliver(cb, kind, record, url));
    }
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private later(ms: number, fn: () => void | Promise<void>): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      void fn();
    }, ms);
    this.timers.add(t);
  }

  private allowed(url: URL): boolean {
    const host = url.hostname;
    return (url.protocol === 'http:' || url.protocol === 'https:') && (isLoopbackHost(host) || this.options.callbackAllow.includes(host));
  }

  private async deliver(cb: Callback, kind: string, record: StoredRecord, rawUrl: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      this.note({ callback: cb.name, url: rawUrl, attempt: 0, ok: false, error: 'not a URL (the task was created, but its callback cannot be sent)' });
      return;
    }
    if (!this.allowed(url)) {
      this.note({ callback: cb.name, url: rawUrl, attempt: 0, ok: false, error: `not a loopback address (allow it with --callback-allow ${url.hostname})` });
      return;
    }
    // The task is done now, as far as anyone polling it can tell.
    const progress = this.store().kinds.get(kind)?.progress;
    if (progress) {
      const last = progress.steps.at(-1)!;
      this.store().update(kind, record, { [progress.field]: last.value, ...(progress.label && last.label !== undefined ? { [progress.label]: last.label } : {}) }, this.store().now());
      // The callback tells the client the task is done, so that must be durable first.
      await this.store().durable().catch(() => {});
    }
    const engine = cb.emulator!.engine ? evaluateValue(cb.emulator!.engine, new Scope({ record })) : undefined;
    const rec = recognize(this.model.emulator, record.Url ?? record.FinalResult ?? JSON.stringify(record), engine);
    const scope = new Scope({ record, rec, appId: this.options.appId, now: this.store().now() });
    // Only the bindings speak: the task's own parameters (AudioData, …) must not leak into the body by name.
    const fields = synthesize(this.model, cb.body, cb.emulator!.bindings, scope, undefined);
    const body =
      cb.contentType === 'application/json'
        ? JSON.stringify(fields)
        : new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])).toString();
    const headerScope = scope.child({ body });
    const headers: Record<string, string> = { 'Content-Type': cb.charset ? `${cb.contentType}; charset=${cb.charset}` : cb.contentType };
    for (const [name, value] of Object.entries(cb.emulator!.headers)) headers[name] = String(evaluateValue(value, headerScope) ?? '');
    await this.attempt(cb, url, headers, body, 1);
  }

  private async attempt(cb: Callback, url: URL, headers: Record<string, string>, body: string, attempt: number): Promise<void> {
    const bounds = this.model.emulator.wire.callbacks;
    const result = await postBounded(url, headers, body, { replyBytes: bounds.replyBytes, timeoutMs: bounds.timeoutSeconds * 1000 });
    const retryMs = bounds.retryDelayMs;
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300 && repliedSuccess(cb, result.text);
    const retry = !ok && attempt < cb.retry.attempts;
    const why = result.error ? describeDeliveryError(result.error) : result.status !== undefined && (result.status < 200 || result.status >= 300) ? `the receiver answered HTTP ${result.status}` : 'the receiver did not reply with the documented success';
    this.note({ callback: cb.name, url: url.toString(), attempt, ok, ...(result.status !== undefined ? { status: result.status } : {}), ...(ok ? {} : { error: `${why}; attempt ${attempt} of ${cb.retry.attempts}${retry ? `, retrying in ${retryMs} ms` : ', giving up'}` }) });
    if (retry) this.later(retryMs, () => this.attempt(cb, url, headers, body, attempt + 1));
  }

  /**
   * Every undelivered callback is an expected outcome of what the client asked for, so it is told
   * as one plain line, and only the first time per host and reason: a contract run full of example
   * URLs must not bury real trouble under look-alike errors.
   */
  private note(d: Delivery): void {
    this.deliveries.push(d);
    if (this.deliveries.length > 200) this.deliveries.shift();
    if (d.ok) return;
    const host = hostOf(d.url);
    const key = `${host} ${d.error?.replace(/; attempt.*$/, '')}`;
    const seen = this.logged.get(key) ?? 0;
    this.logged.set(key, seen + 1);
    if (seen === 0) this.options.log(`callback ${d.callback} to ${host} not delivered: ${d.error ?? 'no reply'}`);
    else if (seen === 1) this.options.log(`callback deliveries to ${host} that fail the same way again are not logged`);
  }
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return JSON.stringify(url);
  }
};

function describeDeliveryError(message: string): string {
  if (/ECONNREFUSED/.test(message)) return 'connection refused (nothing listens there)';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'the host name does not resolve';
  if (/no answer within/.test(message)) return message;
  return message;
}

/** When the spec names a success reply, its integer fields (the code) must match; otherwise any 2xx will do. */
function repliedSuccess(cb: Callback, text: string): boolean {
  const success = cb.reply.success;
  const keys = cb.reply.shape.fields.filter((f) => f.always && f.type.kind === 'scalar' && f.type.scalar === 'integer').map((f) => f.name);
  if (!success || keys.length === 0) return true;
  try {
    const reply = JSON.parse(text) as Record<string, unknown>;
    return keys.every((k) => reply[k] === success[k]);
  } catch {
    return false;
  }
}
