// Raw HTTP plumbing for the emulator: body reading bounded in bytes and in time, answers sent before
// the body was read (and what then happens to the rest of it), and answers for requests Node itself
// rejects (oversized headers, malformed HTTP), which must still get the service's envelope.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export type BodyRead =
  | { kind: 'complete'; body: Buffer }
  /** More than the limit was announced or arrived; reading stopped there, nothing was kept. */
  | { kind: 'too-large'; received: number }
  /** No byte arrived for the idle time before the body was complete. */
  | { kind: 'stalled'; received: number; declared?: number }
  /** The client went away before the body was complete; there is no one to answer. */
  | { kind: 'gone' };

/** The body length the request announces; undefined for a chunked body. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const raw = req.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined; // Node's parser refuses malformed values before this
  return Number(raw);
}

/**
 * Reads the body, keeping at most `limit` bytes. Too large is known from Content-Length before a byte
 * is read, or as soon as the limit is passed; either way reading stops there. A body that stops
 * arriving for `idleMs` is reported as stalled (a Content-Length larger than the body sent).
 */
export function readBody(req: IncomingMessage, limit: number, idleMs: number): Promise<BodyRead> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.resolve({ kind: 'too-large', received: 0 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let arrivals = 0;
    let idle: NodeJS.Timeout | undefined;
    const done = (result: BodyRead): void => {
      clearTimeout(idle);
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onClose);
      if (result.kind !== 'complete') req.pause();
      resolve(result);
    };
    const arm = (): void => {
      const seen = arrivals;
      idle = setTimeout(() => {
        // A timer can fire after a long pause of the event loop with data already waiting; setImmediate
        // runs after the poll phase, so such data has arrived by then and is not taken for a stall.
        setImmediate(() => {
          if (arrivals === seen) done({ kind: 'stalled', received: size, ...(declared !== undefined ? { declared } : {}) });
        });
      }, idleMs);
    };
    const onData = (chunk: Buffer): void => {
      arrivals += 1;
      size += chunk.length;
      if (size > limit) return done({ kind: 'too-large', received: size });
      chunks.push(chunk);
      clearTimeout(idle);
      arm();
    };
    const onEnd = (): void => done({ kind: 'complete', body: Buffer.concat(chunks, size) });
    const onGone = (): void => done({ kind: 'gone' });
    const onClose = (): void => {
      if (!req.complete) done({ kind: 'gone' });
    };
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onClose);
    arm();
  });
}

export interface Reply {
  status: number;
  headers: Record<string, string | number>;
  text: string;
}

/**
 * After an answer sent before the whole body was read: with `close`, the connection ends once the
 * answer is out, and nothing more is read. With `linger`, at most `bytes` more of the body are read and
 * dropped within `ms`, so that a client which reads only once it has sent everything still sees the
 * answer; a body that ends within that stays a normal keep-alive exchange, anything longer is cut off
 * (reading stops, the answer is followed by FIN, and the socket closes `ms` later).
 */
export type Rest = { close: true } | { linger: { bytes: number; ms: number } };

export function send(req: IncomingMessage, res: ServerResponse, reply: Reply, rest?: Rest): void {
  if (res.destroyed || res.headersSent) return;
  const headers = { ...reply.headers, 'Content-Length': Buffer.byteLength(reply.text) };
  if (rest && 'close' in rest) {
    req.pause();
    res.writeHead(reply.status, { ...headers, Connection: 'close' });
    res.end(reply.text);
    return;
  }
  const lingering = rest !== undefined && !req.complete;
  // Node ends the connection right after the answer when the client asked for Connection: close; with
  // unread body bytes that end is a reset, and a client still sending (it fails on EPIPE) loses the answer.
  if (lingering) res.shouldKeepAlive = true;
  res.writeHead(reply.status, headers);
  res.end(reply.text);
  if (lingering) linger(req, rest.linger.bytes, rest.linger.ms);
}

function linger(req: IncomingMessage, bytes: number, ms: number): void {
  let dropped = 0;
  let cutting = false;
  // Closing a socket with unread bytes makes the kernel send a reset, and a reset that reaches the
  // client before it has read the answer discards the answer with it. So the cut stops reading, sends
  // FIN after the answer, and closes only after a grace period: the unread rest waits in the kernel's
  // buffers, not in the emulator's memory.
  const cut = (): void => {
    if (cutting) return;
    cutting = true;
    clearTimeout(timer);
    req.pause();
    req.socket.pause();
    req.socket.end();
    setTimeout(() => req.socket.destroy(), ms).unref?.();
  };
  const timer = setTimeout(cut, ms);
  timer.unref?.();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > bytes) cut();
  });
  req.on('end', () => {
    clearTimeout(timer);
    // The client's own Connection: close, held back while lingering, now that nothing is left unread.
    if (/\bclose\b/i.test(req.headers.connection ?? '')) req.socket.end();
  });
  req.on('close', () => clearTimeout(timer));
}

export function writeRawJson(socket: Duplex, status: number, reason: string, contentType: string, body: unknown): void {
  if (!socket.writable) return;
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

/** Listens, and resolves with the URL it answers at (a bracketed IPv6 address where it is one). */
export async function listenOn(server: Server, listen: { host: string; port: number }): Promise<{ url: string; host: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { url: `http://${host}:${address.port}`, host: address.address, port: address.port };
}
