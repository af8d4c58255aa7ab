// The variables both collections declare (never a credential: those live only in the environments,
// since a collection's variables travel with every copy and export of it).
import { idVariable } from '../model/cases.js';
import type { Model } from '../model/types.js';

export interface CollectionVariable {
  key: string;
  value: string;
  description?: string;
}

/** Where calls go, and the ids the contract cases pass from call to call, each with an example. */
export function collectionVariables(model: Model): CollectionVariable[] {
  const s = model.service;
  const ids = new Map<string, CollectionVariable>();
  for (const kind of model.emulator.resources) {
    const key = idVariable(kind);
    const example = model.actions.map((a) => a.examples[0]!.request[kind.id.field]).find((v) => v !== undefined);
    ids.set(key, { key, value: example === undefined ? '' : String(example), description: `Id of the last ${kind.title} the contract cases created.` });
  }
  return [
    { key: 'baseUrl', value: `https://${s.endpoints[0]!.host}` },
    { key: 'region', value: s.defaultRegion },
    { key: 'appId', value: '' },
    ...(model.endpoints[0] ? [{ key: 'flashBaseUrl', value: `https://${model.endpoints[0].host}`, description: 'Where flash recognition is served: its own host, or the emulator.' }] : []),
    ...ids.values(),
  ];
}

export const CONTRACT_DATA_DESCRIPTION =
  "What the collection scripts read from the contract: the X-TC-* header names, the envelope's member names, the response schemas answers are checked against, and how the negative cases sign badly on purpose. Generated; do not edit.";
