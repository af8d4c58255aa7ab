// IR → OpenAPI 3.1 document. Pure: no I/O, no clock.
import type { OpenAPIV3_1 } from 'openapi-types';
import type { ErrorCode, Model } from '../model/types.js';
import { headerName } from '../model/roles.js';
import { headerParameters, schemaComponents } from './components.js';
import { operation, operationPath } from './operation.js';
import { securitySchemes } from './security.js';
import { endpointPathItem, endpointSecuritySchemes, endpointTag } from './surfaces.js';

export function emitOpenApi(model: Model): OpenAPIV3_1.Document & { 'x-error-codes': Record<string, ErrorEntry> } {
  const s = model.service;
  const paths: OpenAPIV3_1.PathsObject = {};
  for (const action of model.actions) {
    const area = model.areas.find((a) => a.id === action.area)!;
    // openapi-types mixes 3.0 and 3.1 schema types inside PathItemObject; the value is 3.1.
    paths[operationPath(model, action)] = { post: operation(model, action, area) } as OpenAPIV3_1.PathItemObject;
  }
  for (const e of model.endpoints) paths[e.path] = endpointPathItem(model, e);
  return {
    openapi: '3.1.0',
    info: {
      title: `${s.name} (${s.nameZh}) API ${s.version}`,
      version: s.contractVersion,
      summary: `Contract of the Tencent Cloud ASR API 3.0, version ${s.version}.`,
      description: [s.description.trim(), pathConvention(model), errorTable(model)].join('\n\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: s.endpoints.map((e) => ({ url: `https://${e.host}`, description: e.description })),
    tags: [
      ...model.areas.map((a) => ({ name: a.name, description: `**${a.nameZh}**. ${a.description}` })),
      ...model.endpoints.map((e) => ({ name: endpointTag(e), description: `**${e.titleZh}**. ${e.summary}` })),
    ],
    paths,
    components: {
      schemas: schemaComponents(model) as Record<string, OpenAPIV3_1.SchemaObject>,
      parameters: headerParameters(model),
      securitySchemes: { ...securitySchemes(model), ...endpointSecuritySchemes(model) },
    },
    // The catalogue as data (the introduction's table is for people): what each code means and the
    // message the service sends with it, so tools, and `asr-contract diff`, can read them.
    'x-error-codes': Object.fromEntries(model.errors.map((e) => [e.code, { scope: e.scope, description: e.description, message: e.message }])),
  };
}

interface ErrorEntry {
  scope: ErrorCode['scope'];
  description: string;
  message: ErrorCode['message'];
}

function pathConvention(model: Model): string {
  // An action with a callback makes the richest example operation; any action would do.
  const example = model.actions.find((a) => model.callbacks.some((cb) => cb.action === a.name)) ?? model.actions[0]!;
  return [
    '## Paths',
    `Every action is \`POST /\`; the \`${headerName(model, 'action')}\` header picks the action. OpenAPI allows one operation per path and method,`,
    `so each action is keyed by a fragment path such as \`${operationPath(model, example)}\`. The fragment is never sent:`,
    'clients call `/` with the header.',
  ].join('\n');
}

function errorTable(model: Model): string {
  const rows = model.errors.map((e) => `| \`${e.code}\` | ${e.scope === 'asr' ? 'ASR' : e.scope === 'both' ? 'common, ASR' : 'common'} | ${e.description} |`);
  return ['## Error codes', '', '| Code | Scope | Meaning |', '|---|---|---|', ...rows].join('\n');
}
