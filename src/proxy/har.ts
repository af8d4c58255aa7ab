// Exchanges as HAR 1.2 entries, secrets removed, and a recorder that keeps the file valid at every
// instant: the file always ends with the closing `]}}`, and each new entry overwrites that tail with
// `,<entry>]}}` in one positioned write, so a crash leaves the file as it was before or after the
// write, never between. The cost per entry is the entry's own size.
import { closeSync, fstatSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { Entry, Header } from 'har-format';
import type { Model } from '../model/types.js';
import type { ExchangeResult } from './api3-exchange.js';
import type { SignatureVerdict } from './api3-inspect.js';
import type { Exchange } from './exchange.js';
import { redactHeader, redactParams, secretNames, type SecretNames } from './har-redact.js';
import type { Redactor } from './redact.js';
import type { SessionResult } from './ws-relay.js';

/** What a recording says of an exchange that the HAR format has no field for. */
export interface AsrContractNote {
  surface: string;
  action?: string;
  /** The proxy's verdict on the signature it removed, so that verify can give it again. */
  signature: SignatureVerdict;
}

/** Bodies past this size are left out of a recording (the entry says so). */
export const MAX_RECORDED_BODY = 32 * 1024 * 1024;

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

function headerList(pairs: [string, string][], names: SecretNames, redactor: Redactor): Header[] {
  return pairs.map(([name, value]) => ({ name, value: redactHeader(name, value, names, redactor) }));
}

function bodyText(body: Buffer, mimeType: string, names: SecretNames, redactor: Redactor): { text: string; encoding?: 'base64'; comment?: string } {
  if (body.length > MAX_RECORDED_BODY) return { text: '', comment: `a body of ${body.length} bytes, not recorded` };
  if (!TEXT_TYPES.test(mimeType) && body.length > 0) return { text: body.toString('base64'), encoding: 'base64' };
  const text = body.toString('utf8');
  return { text: /x-www-form-urlencoded/i.test(mimeType) ? redactParams(text, names, redactor) : redactor.text(text) };
}

const pairsOf = (headers: Record<string, string | string[] | undefined>): [string, string][] => Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v] as [string, string]]));

export class HarWriter {
  private readonly names: SecretNames;

  constructor(
    model: Model,
    private readonly redactor: Redactor,
  ) {
    this.names = secretNames(model);
  }

  private note(x: Exchange, signature: SignatureVerdict): AsrContractNote {
    const s: SignatureVerdict =
      signature.status === 'refused'
        ? { status: 'refused', code: signature.code, explanation: this.redactor.text(signature.explanation), ...(signature.diagnosis ? { diagnosis: this.redactor.text(signature.diagnosis) } : {}), ...(signature.probe ? { probe: signature.probe } : {}) }
        : signature;
    return { surface: x.surface, ...(x.action ? { action: x.action } : {}), signature: s };
  }

  private url(scheme: string, host: string, path: string, query: string): string {
    const q = redactParams(query, this.names, this.redactor);
    return `${scheme}://${host}${path}${q ? `?${q}` : ''}`;
  }

  /** An HTTP exchange (API 3.0 or flash) as the client saw it. */
  httpEntry(r: ExchangeResult): Entry {
    const { request: call, answer, exchange } = r;
    const headers = pairsOf(call.headers);
    const requestType = headers.find(([k]) => k === 'content-type')?.[1] ?? '';
    const answerType = answer.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    const sent = bodyText(call.body, requestType, this.names, this.redactor);
    const got = bodyText(answer.body, answerType, this.names, this.redactor);
    const query = redactParams(call.query, this.names, this.redactor);
    return {
      startedDateTime: new Date(exchange.startedMs).toISOString(),
      time: Math.max(0, exchange.durationMs),
      request: {
        method: call.method,
        url: this.url('http', String(call.headers.host ?? 'localhost'), call.path, call.query),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: headerList(headers, this.names, this.redactor),
        queryString: [...new URLSearchParams(query)].map(([name, value]) => ({ name, value })),
        ...(call.method === 'GET' && call.body.length === 0 ? {} : { postData: { mimeType: requestType, text: sent.text, ...(sent.encoding ? { _encoding: sent.encoding } : {}), ...(sent.comment ? { comment: sent.comment } : {}) } }),
        headersSize: -1,
        bodySize: call.body.length,
      },
      response: {
        status: answer.status,
        statusText: answer.statusText,
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: headerList(answer.headers, this.names, this.redactor),
        content: { size: answer.body.length, mimeType: answerType, text: got.text, ...(got.encoding ? { encoding: got.encoding } : {}), ...(got.comment ? { comment: got.comment } : {}) },
        redirectURL: '',
        headersSize: -1,
        bodySize: answer.body.length,
      },
      cache: {},
      timings: { send: 0, wait: Math.max(0, exchange.durationMs), receive: 0 },
      ...(answer.from === 'proxy' ? { comment: 'answered by asr-contract proxy; the upstream never saw this request' } : {}),
      _asrContract: this.note(exchange, r.signature),
    } as Entry;
  }

  /** A WebSocket session, in the shape Chrome's devtools export (`_webSocketMessages`). */
  wsEntry(r: SessionResult): Entry {
    const q = r.url.indexOf('?');
    const path = q < 0 ? r.url : r.url.slice(0, q);
    const query = q < 0 ? '' : r.url.slice(q + 1);
    return {
      startedDateTime: new Date(r.exchange.startedMs).toISOString(),
      time: Math.max(0, r.exchange.durationMs),
      request: {
        method: 'GET',
        url: this.url('ws', String(r.headers.host ?? 'localhost'), path, query),
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: headerList(pairsOf(r.headers), this.names, this.redactor),
        queryString: [...new URLSearchParams(redactParams(query, this.names, this.redactor))].map(([name, value]) => ({ name, value })),
        headersSize: -1,
        bodySize: 0,
      },
      response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', cookies: [], headers: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: 0 },
      cache: {},
      timings: { send: 0, wait: Math.max(0, r.exchange.durationMs), receive: 0 },
      _resourceType: 'websocket',
      // Audio frames keep their size only: the recording is for the contract, not for replaying the audio.
      _webSocketMessages: r.frames.map((f) => ({ type: f.direction, time: f.time / 1000, opcode: f.binary ? 2 : 1, data: f.binary ? '' : this.redactor.text(f.text), ...(f.binary ? { _bytes: f.bytes } : {}) })),
      _asrContract: this.note(r.exchange, r.signature),
    } as Entry;
  }
}

/** A HAR file that is valid after every entry. */
export class HarRecorder {
  private readonly fd: number;
  private entries = 0;
  private static readonly TAIL = Buffer.from(']}}\n');

  constructor(
    readonly path: string,
    creator: { name: string; version: string },
  ) {
    const head = `{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"entries":[`;
    // Created whole, then renamed into place: a reader never sees a half-written start either.
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, head + HarRecorder.TAIL.toString());
    renameSync(tmp, path);
    this.fd = openSync(path, 'r+');
  }

  add(entry: Entry): void {
    const text = Buffer.from(`${this.entries > 0 ? ',\n' : '\n'}${JSON.stringify(entry)}`);
    const at = fstatSync(this.fd).size - HarRecorder.TAIL.length;
    writeSync(this.fd, Buffer.concat([text, HarRecorder.TAIL]), 0, text.length + HarRecorder.TAIL.length, at);
    this.entries++;
  }

  get count(): number {
    return this.entries;
  }

  close(): void {
    closeSync(this.fd);
  }
}
