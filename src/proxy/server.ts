// The contract proxy's HTTP server: API 3.0 at `/`, the flash-style endpoints at their paths, the
// WebSocket channels on upgrade, and its own GET /_proxy/report. Listens where it is told
// (127.0.0.1 by default) and connects only to the upstreams it was given.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ApiError } from '../mock/errors.js';
import { listenOn, readBody } from '../mock/http-io.js';
import { errorEnvelope } from '../mock/respond.js';
import { pathMatcher } from '../mock/surfaces/path-template.js';
import { totals } from '../report/model.js';
import { api3Exchange, type ExchangeResult, type ForwardDeps } from './api3-exchange.js';
import { jsonAnswer, type ClientAnswer } from './client-answer.js';
import { endpointExchange } from './endpoint-exchange.js';
import { passed } from './exchange.js';
import type { HarWriter } from './har.js';
import type { ExchangeSession } from './session.js';
import { attachRelay } from './ws-relay.js';

export const REPORT_PATH = '/_proxy/report';

export interface ProxyServerOptions extends ForwardDeps {
  host: string;
  port: number;
  session: ExchangeSession;
  har?: HarWriter;
  /** Writes the report files; returns their paths. */
  writeReport: () => string[];
  log: (line: string) => void;
}

export interface RunningProxy {
  url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, a: ClientAnswer): void {
  if (res.destroyed) return;
  res.writeHead(a.status, a.statusText || undefined, [...a.headers, ['Content-Length', String(a.body.length)]].flat());
  res.end(a.body);
}

/**
 * The body, read within its limit and the emulator's idle deadline (specs/emulator.yaml wire). One too
 * large is not kept and its connection closes after the answer; one that stalls is answered 400 here,
 * and a client that went away gets nothing: both give undefined.
 */
async function bodyOf(req: IncomingMessage, res: ServerResponse, limit: number, idleSeconds: number): Promise<{ body: Buffer; tooLarge: boolean } | undefined> {
  const read = await readBody(req, limit, idleSeconds * 1000);
  if (read.kind === 'gone') return undefined;
  if (read.kind === 'complete') return { body: read.body, tooLarge: false };
  res.setHeader('Connection', 'close');
  if (read.kind === 'too-large') return { body: Buffer.alloc(0), tooLarge: true };
  send(res, jsonAnswer(400, 'Bad Request', { error: `asr-contract proxy: the request body stopped after ${read.received} bytes, and nothing more arrived for ${idleSeconds} s` }));
  return undefined;
}

export async function startProxy(o: ProxyServerOptions): Promise<RunningProxy> {
  const { ctx } = o;
  const endpoints = ctx.model.endpoints.map((e) => ({ endpoint: e, match: pathMatcher(e.path) }));
  const record = (r: ExchangeResult): void => o.session.add(r.exchange, o.har ? () => o.har!.httpEntry(r) : undefined);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? '' : target.slice(q + 1);
    if (path === REPORT_PATH) {
      req.resume();
      const files = o.writeReport();
      const report = o.session.report();
      send(res, jsonAnswer(200, 'OK', { ...report, totals: totals(report.checks), files }));
      return;
    }
    const route = path === '/' ? undefined : endpoints.map((r) => ({ ...r, pathParams: r.match(path) })).find((r) => r.pathParams);
    if (route) {
      const read = await bodyOf(req, res, route.endpoint.body.maxBytes, ctx.model.emulator.wire.http.bodyIdleSeconds);
      if (!read) return;
      const { body, tooLarge } = read;
      const r = await endpointExchange(route.endpoint, { method: req.method ?? 'GET', path, pathParams: route.pathParams!, query, headers: req.headers, body, tooLarge }, o);
      record(r);
      send(res, r.answer);
      return;
    }
    if (path !== '/') {
      req.resume();
      send(res, jsonAnswer(404, 'Not Found', { error: `asr-contract proxy: the contract has no path ${path}; API 3.0 is at /, and ${ctx.model.endpoints.map((e) => e.path).join(', ')}` }));
      return;
    }
    const limit = ctx.model.service.limits.maxPostBytes;
    const read = await bodyOf(req, res, limit, ctx.model.emulator.wire.http.bodyIdleSeconds);
    if (!read) return;
    const { body, tooLarge } = read;
    const call = { method: req.method ?? 'GET', path, query, headers: req.headers, body };
    if (tooLarge) {
      // Not held, so not forwarded: answered as the service answers it.
      const code = ctx.protocol.code('request-size');
      const answer = jsonAnswer(200, 'OK', errorEnvelope(ctx.model, new ApiError(code), 'en-US'));
      const startedMs = o.now();
      record({ exchange: { startedMs, durationMs: 0, surface: 'API 3.0', checks: [passed(`the contract refuses the request with ${code}`, `more than ${limit} bytes; answered by the proxy`)] }, request: call, answer, signature: { status: 'unchecked', reason: 'the body was too large to keep' } });
      send(res, answer);
      return;
    }
    const r = await api3Exchange(call, o);
    record(r);
    send(res, r.answer);
  };

  const server = createServer({ maxHeaderSize: 16 * 1024, requestTimeout: 120_000, headersTimeout: 30_000 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      o.log(`asr-contract proxy: internal error: ${(e as Error).message} (a bug in asr-contract)`);
      if (!res.headersSent) send(res, jsonAnswer(500, 'Internal Server Error', { error: 'asr-contract proxy: internal error' }));
    });
  });
  server.keepAliveTimeout = 5_000;
  const relay = attachRelay(server, o, (s) => o.session.add(s.exchange, o.har ? () => o.har!.wsEntry(s) : undefined));
  const { url } = await listenOn(server, o);
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        relay.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
