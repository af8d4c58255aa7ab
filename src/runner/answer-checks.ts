// The contract tests' checks of one answer, in Node: what the collection's test scripts check in
// the sandbox (src/postman/sandbox/contract-tests.js and flash-tests.js), over an answer received
// elsewhere: by the contract proxy, or in a HAR file. Schemas are the OpenAPI document's own, as
// for the runner's second opinion. Each failed check names the JSON pointer and the rule.
import { describeAjvError } from '../model/ajv.js';
import type { Endpoint } from '../model/surface-types.js';
import type { Model, Shape, TypeRef } from '../model/types.js';
import type { DocumentValidators } from './verify.js';

export interface ReceivedAnswer {
  status: number;
  contentType: string;
  text: string;
}

export interface Finding {
  /** JSON pointer into the answer (or `/status` for the HTTP status). */
  pointer: string;
  rule: string;
}

export interface AnswerCheck {
  name: string;
  ok: boolean;
  /** What broke, when it failed; the first is the one a summary line shows. */
  findings: Finding[];
}

/** What the contract says of the request: accepted, or refused with this code (and why). */
export type Expectation = { refused?: undefined } | { refused: { code: string | number; reason: string } };

const snippet = (text: string): string => (text.length > 160 ? `${JSON.stringify(text.slice(0, 160))}…` : JSON.stringify(text));

function check(out: AnswerCheck[], name: string, findings: Finding[]): boolean {
  out.push({ name, ok: findings.length === 0, findings });
  return findings.length === 0;
}

/** A JSON object that carries `member`, or the one finding that says what came back instead. */
function readBody(answer: ReceivedAnswer, member: string): { body: Record<string, unknown> } | { problem: string } {
  const got = `HTTP ${answer.status} (${answer.contentType || 'no Content-Type'}, ${answer.text.length} characters)`;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return { problem: `${got} whose body is not JSON: ${snippet(answer.text)}` };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { problem: `${got} whose body is not a JSON object: ${snippet(answer.text)}` };
  if (!Object.hasOwn(body, member)) return { problem: `${got} whose JSON has no ${member}: ${snippet(answer.text)}` };
  return { body: body as Record<string, unknown> };
}

function schemaFindings(validators: DocumentValidators, component: string, value: unknown): Finding[] {
  const validate = validators.component(component);
  if (!validate) return [{ pointer: '', rule: `the OpenAPI document has no ${component}` }];
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'not')
    .map((e) => ({ pointer: e.keyword === 'required' ? `${e.instancePath}/${String((e.params as { missingProperty: string }).missingProperty)}` : e.instancePath, rule: `${describeAjvError(e)} [${e.keyword}]` }));
}

/** int64/uint64 values past 2^53, which JSON.parse has already rounded. */
export function unsafeIntegers(model: Model, shape: Shape, value: unknown, path: string): Finding[] {
  const out: Finding[] = [];
  const types = new Map(model.types.map((t) => [t.name, t]));
  const walkType = (t: TypeRef, format: string | undefined, v: unknown, p: string, depth: number): void => {
    if (v === undefined || v === null || depth > 20) return;
    if (t.kind === 'array') {
      if (Array.isArray(v)) v.forEach((x, i) => walkType(t.items, format, x, `${p}/${i}`, depth + 1));
    } else if (t.kind === 'named') {
      const named = types.get(t.name);
      if (named) walkShape(named.shape, v, p, depth + 1);
    } else if ((format === 'int64' || format === 'uint64') && typeof v === 'number' && !Number.isSafeInteger(v)) {
      out.push({ pointer: p, rule: `${v} is a ${format} beyond 2^53: it loses precision in JavaScript [safe-integer]` });
    }
  };
  const walkShape = (s: Shape, v: unknown, p: string, depth: number): void => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
    for (const f of s.fields) walkType(f.type, f.format, (v as Record<string, unknown>)[f.name], `${p}/${f.name}`, depth);
  };
  walkShape(shape, value, path, 0);
  return out;
}

/** The codes an action may answer: every common code and the action's own. */
export function declaredCodes(model: Model, action: string | undefined): Set<string> {
  const own = model.actions.find((a) => a.name === action)?.errors ?? [];
  return new Set([...model.errors.filter((e) => e.scope !== 'asr').map((e) => e.code), ...own]);
}

/** An API 3.0 answer: the envelope, the status, the schema, safe ids, and a declared error code. */
export function checkApi3Answer(model: Model, openapi: DocumentValidators, action: string | undefined, answer: ReceivedAnswer, expect: Expectation): AnswerCheck[] {
  const env = model.service.envelope;
  const out: AnswerCheck[] = [];
  const read = readBody(answer, env.response);
  // No envelope: one failed check that says what came back, and nothing passes on it.
  if ('problem' in read) return check(out, `an API 3.0 answer with ${env.response}`, [{ pointer: '', rule: read.problem }]), out;
  const envelope = read.body[env.response];
  const response = envelope !== null && typeof envelope === 'object' && !Array.isArray(envelope) ? (envelope as Record<string, unknown>) : {};
  const at = (...parts: string[]): string => `/${[env.response, ...parts].join('/')}`;
  check(out, 'HTTP 200', answer.status === 200 ? [] : [{ pointer: '/status', rule: `HTTP status ${answer.status}; the service answers errors with 200 too` }]);
  check(out, `${env.response} is an object with ${env.requestId}`, typeof response[env.requestId] === 'string' ? [] : [{ pointer: at(env.requestId), rule: `${env.response}.${env.requestId} is ${JSON.stringify(response[env.requestId]) ?? 'missing'}, not a string [type]` }]);
  const error = response[env.error] as Record<string, unknown> | undefined;
  const refused = expect.refused;
  if (error !== undefined) {
    const code = error !== null && typeof error === 'object' ? String(error[env.code]) : undefined;
    check(out, 'error matches schema', schemaFindings(openapi, 'ErrorEnvelope', read.body));
    if (code !== undefined) {
      const declared = declaredCodes(model, action);
      check(out, `${env.error}.${env.code} is declared for ${action ?? 'the action'}`, declared.has(code) ? [] : [{ pointer: at(env.error, env.code), rule: `"${code}" is not a code the contract declares for ${action ?? 'an unknown action'} [declared-codes]` }]);
      if (refused) check(out, `${env.error}.${env.code} is ${refused.code}`, code === String(refused.code) ? [] : [{ pointer: at(env.error, env.code), rule: `the contract refuses this request with ${refused.code} (${refused.reason}); the service answered ${code} [refusal]` }]);
      else {
        const internal = model.errors.find((e) => e.role === 'internal-error')?.code;
        check(out, `no ${internal}`, code === internal ? [{ pointer: at(env.error, env.code), rule: `the service failed on a request the contract accepts: ${code} (${String(error[env.message])}) [service-failure]` }] : []);
      }
    }
    return out;
  }
  if (refused) check(out, `${env.error}.${env.code} is ${refused.code}`, [{ pointer: at(env.error), rule: `the service accepted a request the contract refuses with ${refused.code} (${refused.reason}) [refusal]` }]);
  const spec = model.actions.find((a) => a.name === action);
  if (!spec) return out;
  check(out, 'response matches schema', schemaFindings(openapi, `${spec.name}Envelope`, read.body));
  check(out, 'uint64/int64 ids are safe integers', unsafeIntegers(model, spec.response, response, at()));
  return out;
}

/** A flash-style answer: the status, the request id, a declared code, and on success the schema. */
export function checkEndpointAnswer(model: Model, endpoint: Endpoint, openapi: DocumentValidators, answer: ReceivedAnswer, expect: Expectation): AnswerCheck[] {
  const out: AnswerCheck[] = [];
  const read = readBody(answer, endpoint.statusField);
  if ('problem' in read) return check(out, `an answer with ${endpoint.statusField}`, [{ pointer: '', rule: read.problem }]), out;
  const body = read.body;
  const code = body[endpoint.statusField];
  check(out, 'HTTP 200', answer.status === 200 ? [] : [{ pointer: '/status', rule: `HTTP status ${answer.status}, not 200` }]);
  check(out, `${endpoint.requestIdField} is a string`, typeof body[endpoint.requestIdField] === 'string' ? [] : [{ pointer: `/${endpoint.requestIdField}`, rule: `${JSON.stringify(body[endpoint.requestIdField]) ?? 'missing'}, not a string [type]` }]);
  check(out, `${endpoint.statusField} is declared for ${endpoint.name}`, endpoint.codes.some((c) => c.code === code) ? [] : [{ pointer: `/${endpoint.statusField}`, rule: `${JSON.stringify(code)} is not a code the contract declares for ${endpoint.name} [declared-codes]` }]);
  const success = endpoint.codes.find((c) => c.role === 'success')?.code;
  const refused = expect.refused;
  if (refused) check(out, `${endpoint.statusField} is ${refused.code}`, code === refused.code ? [] : [{ pointer: `/${endpoint.statusField}`, rule: `the contract refuses this request with ${refused.code} (${refused.reason}); the service answered ${JSON.stringify(code)} [refusal]` }]);
  else {
    const internal = endpoint.codes.find((c) => c.role === 'internal-error');
    if (internal) check(out, `no ${internal.code}`, code === internal.code ? [{ pointer: `/${endpoint.statusField}`, rule: `the service failed on a request the contract accepts: ${internal.code} [service-failure]` }] : []);
  }
  if (code !== success) return out;
  check(out, 'response matches schema', schemaFindings(openapi, `${endpoint.name}Response`, body));
  check(out, 'uint64/int64 ids are safe integers', unsafeIntegers(model, endpoint.response, body, ''));
  return out;
}
