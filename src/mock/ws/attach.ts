// WebSocket channels on the emulator's one port, at the real service's paths, using the `ws`
// package. The URL's signature, validity window and parameters are checked before the session
// acknowledges; a refusal is the channel's error message, then a close.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { describeAjvError } from '../../model/ajv.js';
import type { Model } from '../../model/types.js';
import type { ModelValidators } from '../../model/validators.js';
import { coerceToShape } from '../api3/flat-params.js';
import { headerValue } from '../api3/auth.js';
import type { EmulatorOptions } from '../options.js';
import { missingReference } from '../state/references.js';
import type { Store } from '../state/store.js';
import { SurfaceError } from '../surfaces/codes.js';
import { verifyHmac } from '../surfaces/hmac-auth.js';
import { pathMatcher } from '../surfaces/path-template.js';
import { Session } from './session.js';
import type { Traffic } from '../traffic.js';

export interface WsDeps {
  model: Model;
  validators: ModelValidators;
  store: Store;
  options: EmulatorOptions;
}

export function attachChannels(server: Server, deps: WsDeps, traffic?: Traffic): { close(): void } {
  const { model, options } = deps;
  // The largest message a client may send is the emulator's choice (specs/emulator.yaml wire); ws closes with 1009 past it.
  const wss = new WebSocketServer({ noServer: true, maxPayload: model.emulator.wire.websocket.frameBytes });
  const routes = model.channels.filter((c) => c.emulator).map((c) => ({ channel: c, match: pathMatcher(c.path) }));

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const route = routes.map((r) => ({ ...r, pathParams: r.match(path) })).find((r) => r.pathParams);
    if (!route) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    traffic?.channel(route.channel.name);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const channel = route.channel;
      const raw = Object.fromEntries(new URLSearchParams(q < 0 ? '' : target.slice(q + 1)));
      const params = coerceToShape(model, channel.query, raw);
      const session = new Session(params, {
        model,
        channel,
        options,
        store: deps.store,
        ...(channel.emulator?.meter ? { meter: channel.emulator.meter } : {}),
        io: { send: (text) => ws.send(text), close: () => ws.close(1000) },
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => (isBinary ? session.onAudio(data) : session.onText(data.toString('utf8'))));
      ws.on('close', () => session.onClose());
      ws.on('error', () => session.onClose());
      try {
        if (Object.values(route.pathParams!).some((v) => v !== options.appId)) throw new SurfaceError('auth-failed', 'unknown AppId in the path');
        const sig = channel.signature;
        verifyHmac(sig, channel.host, { method: 'GET', hostHeader: headerValue(req.headers, 'host'), path, params: raw, signature: raw[sig.parameter ?? ''] }, options, options.now());
        const validate = deps.validators.surface(`query.${channel.name}`);
        if (!validate(params)) throw new SurfaceError('invalid-parameter', describeAjvError(validate.errors![0]!));
        const missing = missingReference(channel.query.fields, params, deps.store);
        if (missing) throw new SurfaceError('invalid-parameter', `${missing.field.name}: no ${missing.kind.title} with the id ${missing.value}`);
      } catch (e) {
        if (!(e instanceof SurfaceError)) options.log(`internal error in ${channel.name}: ${(e as Error).stack ?? String(e)}`);
        session.fail(e instanceof SurfaceError ? e.role : 'internal-error', e instanceof SurfaceError ? e.detail : undefined);
        return;
      }
      session.start();
    });
  });
  return {
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
