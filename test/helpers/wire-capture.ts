// Captures answers exactly as they come off the wire (status, every header, the raw bytes), for
// tests that hold the emulator to what clients read besides the body.
import { request, type IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';
import type { Tc3Request } from './api3-client.js';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

/**
 * Sends the request and resolves once the whole answer has arrived. With `declaredLength`, that
 * Content-Length is announced but no body is sent: the answer must come before the body does.
 */
export function rawRequest(r: Tc3Request & { declaredLength?: number }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...r.headers, 'Content-Length': String(r.declaredLength ?? (r.body === undefined ? 0 : Buffer.byteLength(r.body))) };
    const req = request(r.url, { method: r.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) });
        req.destroy();
      });
    });
    req.setTimeout(15_000, () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    if (r.declaredLength !== undefined) req.flushHeaders();
    else req.end(r.body);
  });
}

export interface Frame {
  binary: boolean;
  text: string;
}

export interface WsCapture {
  /** The status of a refused upgrade, when it was refused. */
  upgradeStatus?: number;
  frames: Frame[];
  closeCode?: number;
}

/** Opens the WebSocket, lets `drive` send, and records every frame and the close. */
export function captureSession(url: string, drive: (ws: WebSocket) => void): Promise<WsCapture> {
  return new Promise((resolve, reject) => {
    const frames: Frame[] = [];
    const ws = new WebSocket(url);
    const timer = setTimeout(() => reject(new Error(`no close within 10 s; got ${JSON.stringify(frames)}`)), 10_000);
    ws.on('open', () => drive(ws));
    ws.on('message', (data: Buffer, binary: boolean) => frames.push({ binary, text: data.toString('utf8') }));
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve({ upgradeStatus: res.statusCode ?? 0, frames });
    });
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ frames, closeCode: code });
    });
    ws.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
