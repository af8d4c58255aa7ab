// The strict second opinion: after newman, every answer is validated again in Node, with ajv 8,
// against the OpenAPI document's own 2020-12 schemas (not the draft-07 copies inside the collection).
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { NewmanRunExecution } from 'newman';
import type { ContractCase } from '../model/cases.js';
import { createAjv, describeAjvError } from '../model/ajv.js';

const DOC_ID = 'urn:asr-contract:document';

/** Validators for schemas inside an OpenAPI or AsyncAPI document, addressed by JSON pointer. */
export class DocumentValidators {
  private readonly ajv = createAjv();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(document: Record<string, unknown>) {
    // The document's components are added as a schema resource so that #/components/... refs resolve;
    // `components` is declared as an inert keyword so strict mode accepts it as a container.
    this.ajv.addKeyword({ keyword: 'components', schemaType: 'object' });
    this.ajv.addSchema({ $id: DOC_ID, components: document.components as object });
  }

  /** `/components/schemas/CreateRecTaskEnvelope`, `/components/messages/realtime.ack/payload`, … */
  pointer(pointer: string): ValidateFunction | undefined {
    let v = this.cache.get(pointer);
    if (!v) {
      v = this.ajv.getSchema(`${DOC_ID}#${pointer}`);
      if (!v) return undefined;
      this.cache.set(pointer, v);
    }
    return v;
  }

  component(name: string): ValidateFunction | undefined {
    return this.pointer(`/components/schemas/${name}`);
  }
}

/** The OpenAPI document's validators. */
export class OpenApiValidators extends DocumentValidators {}

export interface SecondOpinion {
  /** The OpenAPI component the answer was checked against. */
  component: string;
  /** Why the answer does not fit; undefined when it does. */
  problem?: string;
  /** Set when there was nothing to check against: the check is skipped, not passed. */
  skipped?: string;
}

/** The second opinion on one answer, or undefined when no answer arrived (the collection already failed it). */
export function secondOpinion(ex: NewmanRunExecution, c: ContractCase, validators: OpenApiValidators): SecondOpinion | undefined {
  if (!ex.response) return undefined;
  // Flash-style endpoints answer their own shape, with no envelope, successes and failures alike.
  const component = c.endpoint ? `${c.endpoint.name}Response` : c.expect === 'success' ? `${c.action}Envelope` : 'ErrorEnvelope';
  let body: unknown;
  try {
    body = JSON.parse(ex.response.stream?.toString('utf8') ?? '');
  } catch {
    return { component, problem: 'the body is not JSON' };
  }
  const validate = validators.component(component);
  if (!validate) return c.expect === 'success' ? { component, problem: `the OpenAPI document has no ${component}` } : { component, skipped: `the OpenAPI document has no ${component} to check it against` };
  if (!validate(body)) return { component, problem: `${component}: ${(validate.errors ?? []).filter((e) => e.keyword !== 'oneOf').map(describeAjvError).join('; ')}` };
  return { component };
}
