// The one way the proxy sends anything: to an upstream the user named, over http or https, with a
// deadline and a size limit on the answer. Any other host is refused before a connection is made.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface UpstreamRequest {
  method: string;
  /** Path and query, e.g. `/` or `/asr/flash/v1/1300000000?…`. */
  path: string;
  /** Name and value, in order; Host is set from the upstream. */
  headers: [string, string][];
  body: Buffer;
}

export interface UpstreamAnswer {
  status: number;
  statusText: string;
  /** As received: name, value, name, value, … */
  rawHeaders: string[];
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ForwardLimits {
  timeoutMs: number;
  maxBytes: number;
}

export class ForwardError extends Error {}

export function forward(origin: URL, req: UpstreamRequest, allowed: ReadonlySet<string>, limits: ForwardLimits): Promise<UpstreamAnswer> {
  if (!allowed.has(origin.host)) return Promise.reject(new ForwardError(`${origin.host} is not an upstream named on the command line`));
  const send = origin.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers: [string, string][] = [['Host', origin.host], ...req.headers, ['Content-Length', String(req.body.length)]];
    const r = send(
      { protocol: origin.protocol, hostname: origin.hostname.replace(/^\[|\]$/g, ''), port: origin.port || undefined, method: req.method, path: req.path, headers: headers.flat(), timeout: limits.timeoutMs, servername: origin.hostname },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limits.maxBytes) {
            res.destroy(new ForwardError(`the answer is larger than ${limits.maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', rawHeaders: res.rawHeaders, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new ForwardError(`no answer within ${limits.timeoutMs / 1000} s`)));
    r.on('error', reject);
    r.end(req.body);
  });
}

/** Headers that belong to one connection, not to the message, and so are not passed on. */
export const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);
