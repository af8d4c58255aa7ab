// The headers of an answer, from the surface's `answer` facts in specs/: the exact Content-Type
// clients compare, a header repeating the request id, and request headers echoed back.
import type { IncomingHttpHeaders } from 'node:http';
import type { Answer } from '../model/types.js';

/** Only plain, short values are echoed: the answer must never carry what a header cannot. */
const ECHOABLE = /^[\x20-\x7e]{1,256}$/;

export function answerHeaders(answer: Answer, request: IncomingHttpHeaders, requestId?: string): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': answer.contentType };
  if (answer.requestIdHeader && requestId) headers[answer.requestIdHeader] = requestId;
  for (const name of answer.echoHeaders) {
    const value = request[name.toLowerCase()];
    if (typeof value === 'string' && ECHOABLE.test(value)) headers[name] = value;
  }
  return headers;
}
