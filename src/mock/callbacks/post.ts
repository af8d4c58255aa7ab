// One callback delivery: POST the body and read the receiver's reply, bounded in size and in time.
// A reply longer than the bound is cut off where it passes it, and one deadline covers the whole
// exchange, connecting included, so a receiver that drips its reply cannot hold a delivery.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface PostResult {
  status?: number;
  text: string;
  error?: string;
}

export function postBounded(url: URL, headers: Record<string, string>, body: string, bounds: { replyBytes: number; timeoutMs: number }): Promise<PostResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: PostResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(result);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > bounds.replyBytes) return settle({ status, text: '', error: `the reply is longer than ${bounds.replyBytes} bytes, so it was cut off there` });
        chunks.push(chunk);
      });
      res.on('end', () => settle({ status, text: Buffer.concat(chunks, size).toString('utf8') }));
      res.on('error', (e) => settle({ status, text: '', error: e.message }));
    });
    const deadline = setTimeout(() => settle({ text: '', error: `no complete reply within ${bounds.timeoutMs} ms` }), bounds.timeoutMs);
    req.on('error', (e) => settle({ text: '', error: e.message }));
    req.end(body);
  });
}
