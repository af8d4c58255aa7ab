// The emulator's HTTP server: a thin node:http adapter around the API 3.0 pipeline.
// Listens where it is told (127.0.0.1 by default) and answers every request with the envelope.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Model } from '../model/types.js';
import { ModelValidators } from '../model/validators.js';
import type { Api3Deps } from './api3/handle.js';
import { answerRequest } from './answer-request.js';
import { CallbackScheduler } from './callbacks/scheduler.js';
import { ApiError } from './errors.js';
import { pathMatcher } from './surfaces/path-template.js';
import { attachChannels } from './ws/attach.js';
import { listenOn, send as sendReply, writeRawJson } from './http-io.js';
import type { EmulatorOptions } from './options.js';
import { Protocol } from './protocol.js';
import { errorEnvelope } from './respond.js';
import { HEALTH_PATH, healthBody } from './health.js';
import { CLOCK_PATH, serveClock } from './clock-endpoint.js';
import { openStateFile, whenDurable } from './state/persist.js';
import { Store } from './state/store.js';
import { Traffic } from './traffic.js';

export interface Emulator {
  url: string;
  callbacks: CallbackScheduler;
  host: string;
  port: number;
  store: Store;
  server: Server;
  close(): Promise<void>;
}

export interface EmulatorCore {
  deps: Api3Deps;
  traffic: Traffic;
  callbacks: CallbackScheduler;
  /** Answers one HTTP request. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Writes what is pending and releases the state file. */
  close(): Promise<void>;
}

export function createEmulatorCore(model: Model, options: EmulatorOptions): EmulatorCore {
  const callbacks = new CallbackScheduler(model, options, () => store);
  const store: Store = new Store(model.emulator, options.seed, options.now, (kind, record) => callbacks.onInsert(kind, record));
  if (options.statePath) openStateFile(store, options.statePath, options.log);
  if (options.clockStart !== undefined) store.setClock(options.clockStart);
  store.startSweeping();
  const protocol = new Protocol(model);
  const deps: Api3Deps = { model, protocol, validators: ModelValidators.for(model), store, options };
  const endpoints = model.endpoints.map((e) => ({ endpoint: e, match: pathMatcher(e.path) }));
  const traffic = new Traffic(model);
  // Built once; `received` is the live counter object, serialised afresh on every health check.
  const health = healthBody(model, options, traffic.received);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Split by hand: `new URL` rejects request targets such as `//`, which must still be answered.
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const pathname = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? '' : target.slice(q + 1);
    if (pathname === HEALTH_PATH) {
      const ok = req.method === 'GET' || req.method === 'HEAD';
      const text = JSON.stringify(ok ? health : { status: 'error', message: `${HEALTH_PATH} answers GET only` });
      // A body sent here is not read beyond the linger bound (HEAD answers carry no body; Node leaves it out).
      const wire = model.emulator.wire.http;
      sendReply(req, res, { status: ok ? 200 : 405, headers: { 'Content-Type': 'application/json; charset=utf-8', ...(ok ? {} : { Allow: 'GET, HEAD' }) }, text }, { linger: { bytes: wire.lingerBytes, ms: wire.lingerSeconds * 1000 } });
      return;
    }
    if (pathname === CLOCK_PATH) return serveClock(req, res, store, model.emulator.wire.http);
    const route = pathname === '/' ? undefined : endpoints.map((r) => ({ ...r, pathParams: r.match(pathname) })).find((r) => r.pathParams);
    // Counted as received whatever the answer (health reports it; runs hold their verdicts to it).
    if (route) traffic.endpoint(route.endpoint.name);
    else if (pathname === '/') traffic.api3();
    const answer = await answerRequest(req, { pathname, query, route }, deps);
    if (!answer) return; // the client went away before its body was complete
    // Answered only once its changes are on disk: kill -9 never loses an acknowledged change.
    if (!(await whenDurable(store, options.log))) answer.reply = { ...answer.reply, text: JSON.stringify(errorEnvelope(model, new ApiError(protocol.code('internal-error')), 'en-US')) };
    const send = (): void => sendReply(req, res, answer.reply, answer.rest);
    if (answer.delayMs > 0) setTimeout(send, answer.delayMs);
    else send();
  };
  return { deps, traffic, callbacks, handle, close: () => store.close() };
}

export async function startEmulator(model: Model, options: EmulatorOptions, listen: { host: string; port: number }): Promise<Emulator> {
  const core = createEmulatorCore(model, options);
  const protocol = core.deps.protocol;
  const http = model.emulator.wire.http;
  const server = createServer({ maxHeaderSize: http.headerBytes, requestTimeout: http.requestSeconds * 1000, headersTimeout: http.headersSeconds * 1000 }, (req, res) => {
    core.handle(req, res).catch((e: unknown) => {
      options.log(`unhandled: ${(e as Error).stack ?? String(e)}`);
      const text = JSON.stringify(errorEnvelope(model, new ApiError(protocol.code('internal-error')), 'en-US'));
      sendReply(req, res, { status: model.service.answer.status, headers: { 'Content-Type': model.service.answer.contentType }, text }, { close: true });
    });
  });
  server.keepAliveTimeout = 5_000;
  const channels = attachChannels(server, core.deps, core.traffic);
  // Requests Node refuses before our handler sees them still get an answer in the service's shape.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const oversized = err.code === 'HPE_HEADER_OVERFLOW';
    const error = new ApiError(protocol.code(oversized ? 'request-size' : 'invalid-parameter'), oversized ? undefined : 'HTTP request');
    writeRawJson(socket, oversized ? 431 : 400, oversized ? 'Request Header Fields Too Large' : 'Bad Request', model.service.answer.contentType, errorEnvelope(model, error, 'en-US'));
  });
  const at = await listenOn(server, listen);
  return {
    ...at,
    store: core.deps.store,
    server,
    callbacks: core.callbacks,
    close: () =>
      new Promise((resolve) => {
        core.callbacks.close();
        channels.close();
        server.close(() => void core.close().then(resolve));
        server.closeAllConnections();
      }),
  };
}
