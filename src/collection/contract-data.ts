// The contract data both collections carry in their variable contractSchemas, for their sandbox
// scripts: what the scripts need from the specs and must never spell out themselves.
import { SIGN_PROBES } from '../model/cases.js';
import { actionSchemas, shapeSchema, standaloneSchema, typeIndex } from '../model/schema.js';
import { headerName, optionalHeaderName } from '../model/roles.js';
import type { Model } from '../model/types.js';

export interface ContractData {
  api3: { headers: { action: string; timestamp: string; token: string | null }; envelope: Model['service']['envelope'] };
  actions: Record<string, Record<string, unknown>>;
  endpoints: Record<string, { response: Record<string, unknown> } & Record<string, unknown>>;
  /** Where a runner finds the validators compiled at build time: a folder of its collection, ending in /. */
  validators?: string;
  signProbes: typeof SIGN_PROBES;
}

/**
 * Response schemas (draft-07, which ajv 6 in newman's sandbox and ajv 8 in the later ones both read)
 * keyed by action, and for each flash-style endpoint its schema, status fields and signing names.
 * `audioFile` is where the collection's flash requests read their audio, as its runner resolves it;
 * `validators`, where its precompiled validators are, for a collection that has them (Bruno's).
 * `signProbes` says how each X-Contract-Sign value signs badly (src/model/cases.ts).
 */
export function contractDataObject(model: Model, audioFile: string, validators?: string): ContractData {
  const actions: ContractData['actions'] = {};
  for (const a of model.actions) {
    const { $schema: _ignored, ...schema } = actionSchemas(model, a, { dialect: 'draft-07', annotations: false }).response;
    actions[a.name] = schema;
  }
  const types = typeIndex(model);
  const endpoints = Object.fromEntries(
    model.endpoints.map((e) => [
      e.name,
      {
        response: standaloneSchema(shapeSchema(e.response, 'response', types, { dialect: 'draft-07', annotations: false, ref: (n) => `#/definitions/${n}` }), [{ shape: e.response, direction: 'response' }], types, { dialect: 'draft-07', annotations: false }),
        statusField: e.statusField,
        requestIdField: e.requestIdField,
        signature: { header: e.signature.header, method: e.signature.method, secretIdParameter: e.signature.secretIdParameter, timestampParameter: e.signature.timestampParameter },
        // What a failure with no audio says: which code that is, and which file the request sends.
        emptyAudioCode: e.codes.find((c) => c.role === 'audio-empty')?.code ?? null,
        audioFile,
      },
    ]),
  );
  // The API 3.0 header names (by role) and envelope member names, so the sandbox scripts never spell them out.
  const api3 = {
    headers: { action: headerName(model, 'action'), timestamp: headerName(model, 'timestamp'), token: optionalHeaderName(model, 'token') ?? null },
    envelope: model.service.envelope,
  };
  // How the negative cases' X-Contract-Sign values sign badly: the suite's probes, which the contract proxy recognises.
  return { api3, actions, endpoints, signProbes: SIGN_PROBES, ...(validators ? { validators } : {}) };
}

/** The contract data as the collection variable contractSchemas holds it. */
export function contractData(model: Model, audioFile: string, validators?: string): string {
  return JSON.stringify(contractDataObject(model, audioFile, validators));
}
