// Callback contract cases: a local listener receives what the server POSTs to a task's callback
// URL. Checked: the body against the OpenAPI callback schema, the CheckSum header, the id of the
// task, and a retry after a receiver that answers with a failure.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeAjvError } from '../model/ajv.js';
import type { Callback } from '../model/surface-types.js';
import type { Model } from '../model/types.js';
import { coerceToShape } from '../mock/api3/flat-params.js';
import { callbackChecksum } from '../signing/hmac-sha1.js';
import { callAction, describeFetchError, type Credentials } from './api3-call.js';
import { CaseRecorder, type SurfaceCase } from './checks.js';
import type { DocumentValidators } from './verify.js';

const WAIT_MS = 15_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback receiver: answers the replies in order (the last one for any further request). */
async function listen(replies: { status: number; body: string }[]): Promise<{ url: string; received: Received[]; waitFor(n: number): Promise<boolean>; close(): void }> {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = replies[Math.min(received.length - 1, replies.length - 1)]!;
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.body);
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/asr-contract-callback`,
    received,
    waitFor: async (n) => {
      const deadline = Date.now() + WAIT_MS;
      while (received.length < n && Date.now() < deadline) await new Promise<void>((r) => waiters.push(r) && setTimeout(r, 250));
      return received.length >= n;
    },
    close: () => server.close(),
  };
}

function bodyOf(model: Model, cb: Callback, text: string): unknown {
  if (cb.contentType === 'application/json') return JSON.parse(text) as unknown;
  // Form values are text on the wire; read them back as the types the spec declares.
  return coerceToShape(model, cb.body, Object.fromEntries(new URLSearchParams(text)));
}

/** `include` picks callbacks by name (a shard runs some of them). */
export async function runCallbackCases(model: Model, baseUrl: string, creds: Credentials & { appId: string }, openapi: DocumentValidators, include: (callback: string) => boolean = () => true): Promise<SurfaceCase[]> {
  const out: SurfaceCase[] = [];
  for (const cb of model.callbacks.filter((c) => include(c.name))) {
    const action = model.actions.find((a) => a.name === cb.action)!;
    const success = cb.reply.success ? JSON.stringify(cb.reply.success) : '{}';
    // Receivers that refuse first must see the documented retry; otherwise one delivery is enough.
    const expectRetry = cb.retry.attempts > 1 && cb.reply.success !== undefined && cb.reply.shape.fields.some((f) => f.always);
    const rec = new CaseRecorder(cb.name, `${cb.name} · delivered to ${cb.action}'s ${cb.urlParameter}${expectRetry ? ', retried after a refusal' : ''}`, 'callback');
    const listener = await listen(expectRetry ? [{ status: 200, body: JSON.stringify(refusalOf(cb.reply.success!)) }, { status: 200, body: success }] : [{ status: 200, body: success }]);
    try {
      const token = 'asr-contract-token';
      const params = { ...action.examples[0]!.request, [cb.urlParameter]: listener.url, ...(cb.checksum ? { [cb.checksum.tokenParameter]: token } : {}) };
      const env = model.service.envelope;
      // No answer is one failed check, and the case stops there: nothing else has evidence to rest on.
      let body: Record<string, unknown> | undefined;
      try {
        body = await callAction(model, baseUrl, creds, action.name, params);
      } catch (e) {
        rec.check(`${action.name} answers`, false, describeFetchError(e));
        continue;
      }
      const answer = body?.[env.response] as Record<string, unknown> | undefined;
      const error = answer?.[env.error] as Record<string, unknown> | undefined;
      if (!rec.check(`${action.name} starts a task`, typeof answer === 'object' && answer !== null && !error, error ? `${String(error[env.code])}: ${String(error[env.message])}` : `no ${env.response} in the answer`)) continue;
      const arrived = await listener.waitFor(expectRetry ? 2 : 1);
      rec.check(expectRetry ? 'delivered twice: the refusal is retried' : 'delivered', arrived, `${listener.received.length} deliveries within ${WAIT_MS / 1000} s`);
      const last = listener.received.at(-1);
      if (!last) continue;
      const validate = openapi.component(`${cb.name}Body`);
      let delivered: unknown;
      try {
        delivered = bodyOf(model, cb, last.body);
      } catch {
        delivered = undefined;
      }
      rec.check('the body matches the callback schema', !!validate && validate(delivered) === true, validate ? (validate.errors ?? []).map(describeAjvError).join('; ') : 'no schema');
      const taskId = JSON.stringify(answer).match(/"TaskId":(\d+)/)?.[1];
      rec.check('the body names the task', taskId !== undefined && last.body.includes(taskId), `TaskId ${taskId}`);
      if (cb.checksum) {
        const sent = last.headers[cb.checksum.header.toLowerCase()];
        rec.check(`${cb.checksum.header} is SHA-256 of AppId + ${cb.checksum.tokenParameter} + body`, sent === callbackChecksum(creds.appId, token, last.body), `got ${String(sent)}`);
      }
    } finally {
      listener.close();
      out.push(rec.result());
    }
  }
  return out;
}

/** The documented success reply with every integer field (the code) changed: what a refusing receiver answers. */
function refusalOf(success: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(success).map(([k, v]) => [k, Number.isInteger(v) ? (v as number) + 1 : v]));
}
