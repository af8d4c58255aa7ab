// One OpenAPI operation per action, keyed by the fragment path `/#X-TC-Action=<Action>`.
import type { OpenAPIV3_1 } from 'openapi-types';
import { errorCode, headerName } from '../model/roles.js';
import type { Action, Area, Model } from '../model/types.js';
import { envelopeComponent, headerComponent, ref, requestComponent } from './components.js';
import { SECURITY_SCHEME } from './security.js';
import { actionSamples } from '../samples/api3/index.js';
import { actionCallbacks } from './surfaces.js';

/** The path key public API directories use for header-routed APIs: every action is `POST /`. */
export function operationPath(model: Model, action: Action): string {
  return `/#${headerName(model, 'action')}=${action.name}`;
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'example';
}

export function operation(model: Model, action: Action, area: Area): OpenAPIV3_1.OperationObject {
  const headerRefs = model.service.headers
    .filter((h) => h.role !== 'action')
    .map((h) => ({ $ref: `#/components/parameters/${headerComponent(h)}` }));
  const errorExample = sampleError(model, action);
  const env = model.service.envelope;
  return {
    operationId: action.name,
    summary: action.summary,
    description: operationDescription(model, action),
    tags: [area.name],
    parameters: [
      {
        name: headerName(model, 'action'),
        in: 'header',
        required: true,
        description: `Always \`${action.name}\` for this operation.`,
        // `const` alone is lost on tools that predate 3.1 (openapi-to-postmanv2 sends `<string>`);
        // a one-value enum, a default and an example say the same thing to them.
        schema: { type: 'string', const: action.name, enum: [action.name], default: action.name, example: action.name } as OpenAPIV3_1.SchemaObject,
      },
      ...headerRefs,
    ],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: ref(requestComponent(action)),
          examples: Object.fromEntries(action.examples.map((e) => [slug(e.title), { summary: e.title, value: e.request }])),
        },
      },
    },
    responses: {
      '200': {
        description: `Success or failure: both arrive with HTTP 200. A failure carries \`${env.response}.${env.error}\`.`,
        content: {
          'application/json': {
            schema: { oneOf: [ref(envelopeComponent(action)), ref('ErrorEnvelope')] },
            examples: {
              ...Object.fromEntries(action.examples.map((e) => [slug(e.title), { summary: e.title, value: { [env.response]: e.response } }])),
              [slug(errorExample.code)]: {
                summary: `Failure: ${errorExample.code}`,
                value: { [env.response]: { [env.error]: { [env.code]: errorExample.code, [env.message]: errorExample.message }, [env.requestId]: 'f0e1d2c3-b4a5-4697-8877-665544332211' } },
              },
            },
          },
        },
      },
    },
    security: [{ [SECURITY_SCHEME]: [] }],
    ...(actionCallbacks(model, action.name) ? { callbacks: actionCallbacks(model, action.name) } : {}),
    'x-title-zh': action.titleZh,
    'x-mutating': action.mutating,
    'x-codeSamples': actionSamples(model, action),
  } as OpenAPIV3_1.OperationObject;
}

function sampleError(model: Model, action: Action): { code: string; message: string } {
  const code = action.errors[0] ?? errorCode(model, 'signature-failure');
  const entry = model.errors.find((e) => e.code === code)!;
  const param = action.request.fields.find((f) => f.required)?.name ?? action.request.fields[0]?.name ?? 'Param';
  return { code, message: entry.message['en-US'].replaceAll('{param}', param).replaceAll('{action}', action.name).replaceAll('{version}', model.service.version) };
}

function operationDescription(model: Model, action: Action): string {
  const parts = [`**${action.titleZh}**`, action.description.trim()];
  if (action.request.rules.length > 0) {
    parts.push(['Parameter rules:', ...action.request.rules.map((r) => `- ${r.description}`)].join('\n'));
  }
  if (action.errors.length > 0) {
    const rows = action.errors.map((c) => `| \`${c}\` | ${model.errors.find((e) => e.code === c)!.description} |`);
    parts.push(['Errors specific to this action (besides the common ones):', '', '| Code | Meaning |', '|---|---|', ...rows].join('\n'));
  }
  return parts.join('\n\n');
}
