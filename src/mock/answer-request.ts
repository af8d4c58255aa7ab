// One HTTP request of the emulator, from routing to the reply it gets: a non-API-3.0 endpoint
// (flash), an unknown path, or an API 3.0 call. Bodies are read within the surface's limit and the
// idle deadline of specs/emulator.yaml `wire`; a request refused before its body was read lingers
// briefly and a request cut off (too large, stalled) closes its connection. Status, Content-Type
// and the other answer headers are the surface's `answer` facts from specs/.
import type { IncomingMessage } from 'node:http';
import type { Endpoint } from '../model/surface-types.js';
import { handleApi3, type Api3Deps } from './api3/handle.js';
import { headerValue } from './api3/auth.js';
import { answerHeaders } from './answer-headers.js';
import { ApiError } from './errors.js';
import { readBody, type BodyRead, type Reply, type Rest } from './http-io.js';
import { errorEnvelope, languageOf } from './respond.js';
import { handleEndpoint } from './surfaces/endpoint.js';

export interface Routed {
  pathname: string;
  query: string;
  route?: { endpoint: Endpoint; pathParams?: Record<string, string> | undefined };
}

export interface Answer {
  reply: Reply;
  /** What happens to a body not read in full; absent when it was. */
  rest?: Rest;
  delayMs: number;
}

/** The answer, or undefined when the client went away before its body was complete. */
export async function answerRequest(req: IncomingMessage, { pathname, query, route }: Routed, deps: Api3Deps): Promise<Answer | undefined> {
  const { model, protocol } = deps;
  const wire = model.emulator.wire.http;
  const method = req.method ?? 'GET';
  let read: BodyRead | undefined;
  const bodyWithin = async (limit: number): Promise<BodyRead> => (read = await readBody(req, limit, wire.bodyIdleSeconds * 1000));
  // A body left unread (a refusal before reading it, or a Content-Length over the limit) lingers, so a
  // client still sending sees the answer; one cut off at the limit, or stalled, is closed at once.
  const rest = (limit: number): Rest | undefined => {
    if (!read || (read.kind === 'too-large' && read.received === 0)) return { linger: { bytes: Math.min(wire.lingerBytes, limit), ms: wire.lingerSeconds * 1000 } };
    return read.kind === 'complete' ? undefined : { close: true };
  };

  if (route) {
    const { endpoint } = route;
    const limit = endpoint.body.maxBytes;
    const body = await handleEndpoint(endpoint, { method, path: pathname, pathParams: route.pathParams!, query, headers: req.headers, readBody: () => bodyWithin(limit) }, deps);
    if (!body) return undefined;
    const requestId = body[endpoint.requestIdField];
    return { reply: { status: endpoint.answer.status, headers: answerHeaders(endpoint.answer, req.headers, typeof requestId === 'string' ? requestId : undefined), text: JSON.stringify(body) }, ...withRest(rest(limit)), delayMs: 0 };
  }

  const limit = model.service.limits.maxPostBytes;
  const lang = languageOf(headerValue(req.headers, protocol.header('language')));
  let envelope: Record<string, unknown>;
  let delayMs = 0;
  if (pathname !== '/') {
    envelope = errorEnvelope(model, new ApiError(protocol.code('invalid-action'), pathname), lang);
  } else {
    const got = await bodyWithin(limit);
    if (got.kind === 'gone') return undefined;
    if (got.kind === 'too-large') envelope = errorEnvelope(model, new ApiError(protocol.code('request-size')), lang);
    else if (got.kind === 'stalled') envelope = errorEnvelope(model, new ApiError(protocol.code('invalid-parameter'), 'HTTP request', stalledDetail(got, wire.bodyIdleSeconds)), lang);
    else {
      const r = await handleApi3({ method, path: pathname, query, headers: req.headers, body: got.body }, deps);
      envelope = r.body;
      delayMs = r.delayMs;
    }
  }
  const e = model.service.envelope;
  const requestId = (envelope[e.response] as Record<string, unknown>)[e.requestId];
  // An unknown path is not an API 3.0 call (404), nor is a request whose body never arrived (400, as
  // for any broken HTTP framing); both still get the envelope.
  const status = pathname !== '/' ? 404 : read?.kind === 'stalled' ? 400 : model.service.answer.status;
  return { reply: { status, headers: answerHeaders(model.service.answer, req.headers, String(requestId)), text: JSON.stringify(envelope) }, ...withRest(rest(limit)), delayMs };
}

const withRest = (rest: Rest | undefined): { rest?: Rest } => (rest ? { rest } : {});

function stalledDetail(got: { received: number; declared?: number }, idleSeconds: number): string {
  const of = got.declared !== undefined ? ` of the ${got.declared} its Content-Length announced` : '';
  return `the body stopped after ${got.received} bytes${of}, and nothing more arrived for ${idleSeconds} s`;
}
