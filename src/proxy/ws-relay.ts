// WebSocket sessions through the proxy: the client's URL is checked like the emulator checks it; a
// wrong signature gets the channel's own error message and a close, and nothing is dialled;
// otherwise the session is relayed to the named upstream with the URL signed again, and every text
// frame in both directions is checked against the AsyncAPI document.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import type { Channel } from '../model/surface-types.js';
import { evaluateValue, Scope } from '../model/expr-eval.js';
import { headerValue } from '../mock/api3/auth.js';
import { statusOf } from '../mock/surfaces/codes.js';
import { pathMatcher } from '../mock/surfaces/path-template.js';
import { buildMessage } from '../mock/ws/messages.js';
import { fillPath } from '../signing/surface-urls.js';
import { failed, passed, type Exchange, type ExchangeCheck } from './exchange.js';
import { signatureCheck, type ForwardDeps } from './api3-exchange.js';
import type { SignatureVerdict } from './api3-inspect.js';
import { inspectChannel } from './ws-inspect.js';
import { frameChecks, sessionIdOf, type Frame } from './ws-messages.js';
import { resignChannelUrl } from './resign.js';

const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** A session with no frame either way for this long is closed on both sides. */
export const WS_IDLE_MS = 60_000;

export interface SessionResult {
  exchange: Exchange;
  channel: Channel;
  /** The client's request line and headers, as received. */
  url: string;
  headers: IncomingMessage['headers'];
  frames: Frame[];
  signature: SignatureVerdict;
}

export function attachRelay(server: Server, deps: ForwardDeps, onSession: (r: SessionResult) => void): { close(): void } {
  const { ctx } = deps;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const routes = ctx.model.channels.map((c) => ({ channel: c, match: pathMatcher(c.path) }));
  const open = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? '' : target.slice(q + 1);
    const route = routes.map((r) => ({ ...r, pathParams: r.match(path) })).find((r) => r.pathParams);
    if (!route) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const channel = route.channel;
    const startedMs = deps.now();
    const insp = inspectChannel(channel, { path, pathParams: route.pathParams!, query, host: headerValue(req.headers, 'host') }, ctx, { now: startedMs });
    const frames: Frame[] = [];
    const checks: ExchangeCheck[] = [signatureCheck(ctx, insp.signature, () => `/request/query/${channel.signature.parameter ?? 'signature'}`)];
    let finished = false;
    const finish = (extra: ExchangeCheck[] = []): void => {
      if (finished) return;
      finished = true;
      const requestId = sessionIdOf(frames, channel.parameterRoles.session);
      const all = insp.signature.status === 'refused' ? checks : [...checks, ...frameChecks(ctx, channel, frames, insp.refusedWith), ...extra];
      onSession({ exchange: { startedMs, durationMs: deps.now() - startedMs, surface: channel.name, ...(requestId ? { requestId } : {}), checks: all }, channel, url: target, headers: req.headers, frames, signature: insp.signature });
    };

    wss.handleUpgrade(req, socket, head, (client: WebSocket) => {
      open.add(client);
      client.on('close', () => open.delete(client));
      if (insp.signature.status === 'refused') {
        // What the service sends a wrong signature: the channel's error message, then a close.
        const scope = new Scope({ params: insp.params });
        const voiceId = channel.emulator ? String(evaluateValue(channel.emulator.voiceId, scope) ?? '') : String(insp.params[channel.parameterRoles.session] ?? '');
        const text = buildMessage(ctx.model, channel, 'error', { params: insp.params, session: { voiceId, seq: 1, audioMs: 0 }, status: statusOf(channel.codes, 'auth-failed') });
        frames.push({ direction: 'receive', time: deps.now(), binary: false, text, bytes: Buffer.byteLength(text) });
        client.send(text, () => client.close(1000));
        finish();
        return;
      }
      const upstreamBase = deps.upstreams.ws;
      if (!upstreamBase) {
        client.close(1011, 'no upstream for WebSockets');
        finish([failed('the upstream answered', [{ pointer: '', rule: `no upstream for ${channel.name}: ${deps.upstreams.leftOut.ws ?? 'none named'} [upstream]` }])]);
        return;
      }
      const url = resignChannelUrl(channel, query, fillPath(channel.path, deps.creds.appId ?? Object.values(route.pathParams!)[0] ?? ''), deps.creds, upstreamBase);
      if (!deps.allowed.has(upstreamBase.host)) {
        client.close(1011, 'upstream not allowed');
        finish([failed('the upstream answered', [{ pointer: '', rule: `${upstreamBase.host} is not an upstream named on the command line [upstream]` }])]);
        return;
      }
      relay(client, new WebSocket(url, { maxPayload: MAX_FRAME_BYTES, handshakeTimeout: deps.limits.timeoutMs }), frames, deps.now, (problem) => finish(problem ? [failed('the upstream answered', [{ pointer: '', rule: `${upstreamBase.origin}: ${problem} [upstream]` }])] : [passed('the upstream answered')]));
    });
  });
  return {
    close: () => {
      for (const c of open) c.terminate();
      wss.close();
    },
  };
}

function relay(client: WebSocket, upstream: WebSocket, frames: Frame[], now: () => number, done: (problem?: string) => void): void {
  const pending: { data: Buffer; binary: boolean }[] = [];
  let problem: string | undefined;
  let upstreamOpened = false;
  let idle: NodeJS.Timeout | undefined;
  const touch = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      problem ??= `no frame either way for ${WS_IDLE_MS / 1000} s`;
      client.terminate();
      upstream.terminate();
    }, WS_IDLE_MS);
    idle.unref();
  };
  const record = (direction: Frame['direction'], data: Buffer, binary: boolean): void => {
    frames.push({ direction, time: now(), binary, text: binary ? '' : data.toString('utf8'), bytes: data.length });
    touch();
  };
  touch();
  client.on('message', (data: Buffer, binary: boolean) => {
    record('send', data, binary);
    if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary });
    else pending.push({ data, binary });
  });
  upstream.on('open', () => {
    upstreamOpened = true;
    for (const p of pending.splice(0)) upstream.send(p.data, { binary: p.binary });
  });
  upstream.on('message', (data: Buffer, binary: boolean) => {
    record('receive', data, binary);
    if (client.readyState === WebSocket.OPEN) client.send(data, { binary });
  });
  upstream.on('unexpected-response', (_req, res) => {
    problem = `the WebSocket handshake was answered with HTTP ${res.statusCode}`;
    res.resume();
    upstream.terminate();
  });
  upstream.on('error', (e) => {
    problem ??= upstreamOpened ? e.message : `could not open the session: ${e.message}`;
  });
  // A close code that cannot be sent (1005 none, 1006 abnormal) becomes a normal close.
  const sendable = (code: number): number => (code === 1005 || code === 1006 || code < 1000 ? 1000 : code);
  upstream.on('close', (code: number, reason: Buffer) => {
    clearTimeout(idle);
    if (client.readyState === WebSocket.OPEN || client.readyState === WebSocket.CONNECTING) client.close(problem ? 1011 : sendable(code), problem ? 'upstream failed' : reason.toString('utf8').slice(0, 120));
    done(problem);
  });
  client.on('close', () => {
    if (upstream.readyState === WebSocket.OPEN) upstream.close(1000);
    else if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
  });
  client.on('error', () => upstream.terminate());
}
