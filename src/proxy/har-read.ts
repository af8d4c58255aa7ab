// Reading a HAR file from anywhere (this proxy, a browser's devtools, a debugging proxy, Postman):
// one clear line for a file that is not one, and each entry turned into the request and answer the
// checks take, or a reason it is not ASR traffic.
import { readFileSync, statSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { Model } from '../model/types.js';
import type { Channel, Endpoint } from '../model/surface-types.js';
import { pathMatcher } from '../mock/surfaces/path-template.js';
import type { AsrContractNote } from './har.js';
import type { Frame } from './ws-messages.js';

export const MAX_HAR_BYTES = 512 * 1024 * 1024;

export class HarInputError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The entries of a HAR file, or a HarInputError that says in one line why it is not one. */
export function readHarEntries(path: string, shown: string): unknown[] {
  const size = statSync(path).size;
  if (size > MAX_HAR_BYTES) throw new HarInputError(`${shown} is ${(size / 1024 / 1024).toFixed(0)} MB; verify reads HAR files up to ${MAX_HAR_BYTES / 1024 / 1024} MB`);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? Number(m[1]) : text.length;
    const line = text.slice(0, at).split('\n').length;
    throw new HarInputError(`${shown} is not JSON (it stops making sense at line ${line}); a HAR file is the JSON that "Save all as HAR" or "Export HAR" writes`);
  }
  if (!isObject(doc) || !isObject(doc.log)) throw new HarInputError(`${shown} is JSON but not a HAR file: it has no "log" object`);
  if (!Array.isArray(doc.log.entries)) throw new HarInputError(`${shown} is not a HAR file: its "log" has no "entries" list`);
  return doc.log.entries;
}

export interface HarHttp {
  kind: 'api3' | 'endpoint';
  endpoint?: Endpoint;
  pathParams: Record<string, string>;
  startedMs: number;
  durationMs: number;
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  answer: { status: number; statusText: string; headers: [string, string][]; body: Buffer };
  note?: AsrContractNote;
}

export interface HarSession {
  kind: 'channel';
  channel: Channel;
  pathParams: Record<string, string>;
  startedMs: number;
  durationMs: number;
  path: string;
  query: string;
  host: string | undefined;
  frames: Frame[];
  note?: AsrContractNote;
}

export type HarExchange = HarHttp | HarSession | { kind: 'skip'; reason: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function headersOf(list: unknown): [string, string][] {
  return Array.isArray(list) ? list.filter(isObject).map((h) => [str(h.name), str(h.value)] as [string, string]).filter(([n]) => n !== '') : [];
}

function bytes(text: string, encoding: unknown): Buffer {
  return encoding === 'base64' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
}

export function classifyEntry(raw: unknown, model: Model): HarExchange {
  if (!isObject(raw) || !isObject(raw.request)) return { kind: 'skip', reason: 'not an entry with a request' };
  const req = raw.request;
  let url: URL;
  try {
    url = new URL(str(req.url));
  } catch {
    return { kind: 'skip', reason: 'no absolute URL' };
  }
  // Another Tencent Cloud product's API host is not ASR traffic, whatever its path.
  const apiHosts = model.service.endpoints.map((e) => e.host);
  if (/\.tencentcloudapi\.com$/i.test(url.hostname) && !apiHosts.includes(url.hostname.toLowerCase())) return { kind: 'skip', reason: `another service (${url.hostname})` };
  const pairs = headersOf(req.headers);
  const headers: IncomingHttpHeaders = {};
  for (const [n, v] of pairs) {
    const name = n.toLowerCase() === ':authority' ? 'host' : n.toLowerCase();
    if (name.startsWith(':')) continue;
    headers[name] = headers[name] === undefined ? v : `${String(headers[name])}, ${v}`;
  }
  headers.host ??= url.host;
  const startedMs = Date.parse(str(raw.startedDateTime));
  const common = { startedMs: Number.isFinite(startedMs) ? startedMs : 0, durationMs: typeof raw.time === 'number' && raw.time >= 0 ? raw.time : 0, path: url.pathname, query: url.search.replace(/^\?/, ''), ...(isObject(raw._asrContract) ? { note: raw._asrContract as unknown as AsrContractNote } : {}) };

  const messages = raw._webSocketMessages;
  if (Array.isArray(messages) || url.protocol === 'ws:' || url.protocol === 'wss:') {
    for (const channel of model.channels) {
      const pathParams = pathMatcher(channel.path)(url.pathname);
      if (!pathParams) continue;
      const frames: Frame[] = (Array.isArray(messages) ? messages : []).filter(isObject).map((m) => {
        const binary = m.opcode === 2;
        const data = str(m.data);
        return { direction: m.type === 'send' ? 'send' : 'receive', time: typeof m.time === 'number' ? m.time * 1000 : 0, binary, text: binary ? '' : data, bytes: typeof m._bytes === 'number' ? m._bytes : data.length };
      });
      return { kind: 'channel', channel, pathParams, ...common, host: str(headers.host) || undefined, frames };
    }
    return { kind: 'skip', reason: 'a WebSocket on no channel path' };
  }

  const res = isObject(raw.response) ? raw.response : {};
  const content = isObject(res.content) ? res.content : {};
  const answer = { status: typeof res.status === 'number' ? res.status : 0, statusText: str(res.statusText), headers: headersOf(res.headers), body: bytes(str(content.text), content.encoding) };
  if (!answer.headers.some(([n]) => n.toLowerCase() === 'content-type') && str(content.mimeType)) answer.headers.push(['Content-Type', str(content.mimeType)]);
  const post = isObject(req.postData) ? req.postData : undefined;
  const body = post ? bytes(str(post.text), post._encoding ?? post.encoding) : Buffer.alloc(0);
  const http = { ...common, method: str(req.method).toUpperCase() || 'GET', headers, body, answer };

  for (const endpoint of model.endpoints) {
    const pathParams = pathMatcher(endpoint.path)(url.pathname);
    if (pathParams) return { kind: 'endpoint', endpoint, pathParams, ...http };
  }
  if (url.pathname !== '/') return { kind: 'skip', reason: 'not an ASR path' };
  const action = model.service.headers.find((h) => h.role === 'action')!;
  const legacy = new URLSearchParams(/x-www-form-urlencoded/i.test(str(headers['content-type'])) ? body.toString('utf8') : common.query);
  if (headers[action.name.toLowerCase()] === undefined && !(action.legacy && legacy.has(action.legacy))) return { kind: 'skip', reason: `no ${action.name}` };
  return { kind: 'api3', pathParams: {}, ...http };
}
