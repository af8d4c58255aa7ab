// A loopback proxy between newman and the emulator that breaks successful answers on purpose,
// one kind of breakage per instance, and remembers which requests it broke.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Model } from '../../src/model/types.js';

export type MutationKind = 'drop-required-field' | 'change-field-type' | 'drop-request-id' | 'success-to-error' | 'http-500' | 'not-an-envelope';
export const MUTATION_KINDS: MutationKind[] = ['drop-required-field', 'change-field-type', 'drop-request-id', 'success-to-error', 'http-500', 'not-an-envelope'];

/** What a gateway in front of the service answers when the service is down. */
export const GATEWAY_PAGE = '<html><body><h1>502 Bad Gateway</h1></body></html>';

type Json = Record<string, unknown>;

function retype(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return { notAList: true };
  return 'not-an-object';
}

/** The broken body and status, or undefined when this kind cannot break this answer. */
export function mutate(kind: MutationKind, model: Model, action: string, status: number, body: Json): { status: number; body: Json | string } | undefined {
  const response = body.Response as Json | undefined;
  if (!response || response.Error) return undefined;
  const spec = model.actions.find((a) => a.name === action);
  const r = { ...response };
  switch (kind) {
    case 'drop-required-field': {
      const field = spec?.response.fields.find((f) => f.always && f.name in r);
      if (!field) return undefined;
      delete r[field.name];
      return { status, body: { Response: r } };
    }
    case 'change-field-type': {
      const name = spec?.response.fields.find((f) => f.name in r && r[f.name] !== null)?.name ?? 'RequestId';
      r[name] = retype(r[name]);
      return { status, body: { Response: r } };
    }
    case 'drop-request-id':
      delete r.RequestId;
      return { status, body: { Response: r } };
    case 'success-to-error':
      return { status, body: { Response: { Error: { Code: 'InternalError', Message: 'broken by the mutation proxy' }, RequestId: r.RequestId } } };
    case 'http-500':
      return { status: 500, body };
    case 'not-an-envelope':
      return { status: 502, body: GATEWAY_PAGE };
  }
}

/** One answer as this proxy sent it on, in the order the requests came. */
export interface SentAnswer {
  action: string;
  status: number;
  /** The exact bytes sent. */
  body: Buffer;
  /** The upstream's own answer, before any breakage. */
  original: string;
  mutated: boolean;
}

export interface MutatingProxy {
  url: string;
  /** Postman-Token of every request whose answer was broken, with its action. */
  mutated: Map<string, string>;
  sent: SentAnswer[];
  close(): Promise<void>;
}

/** `spare` lists actions whose answers pass through untouched (so ids they hand out still flow). */
export async function startMutatingProxy(upstream: string, model: Model, kind: MutationKind | 'none', spare: ReadonlySet<string> = new Set()): Promise<MutatingProxy> {
  const target = new URL(upstream);
  const mutated = new Map<string, string>();
  const sent: SentAnswer[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c: Buffer) => body.push(c));
        upRes.on('end', () => {
          const text = Buffer.concat(body).toString('utf8');
          const action = String(req.headers['x-tc-action'] ?? '');
          let out = { status: upRes.statusCode ?? 200, text };
          if (kind !== 'none' && !spare.has(action)) {
            const broken = mutate(kind, model, action, out.status, JSON.parse(text) as Json);
            if (broken) {
              out = { status: broken.status, text: typeof broken.body === 'string' ? broken.body : JSON.stringify(broken.body) };
              mutated.set(String(req.headers['postman-token']), action);
            }
          }
          const bytes = Buffer.from(out.text);
          sent.push({ action, status: out.status, body: bytes, original: text, mutated: out.text !== text || out.status !== (upRes.statusCode ?? 200) });
          res.writeHead(out.status, { 'Content-Type': 'application/json' });
          res.end(bytes);
        });
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, mutated, sent, close: () => new Promise((r) => server.close(() => r())) };
}
