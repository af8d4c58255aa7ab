// The document the HTML reference is rendered from: the OpenAPI document, plus the AsyncAPI
// channels as reference sections (Redoc renders OpenAPI only), with operations titled by action
// name so readers can search for them. Pure: no I/O.
import type { OpenAPIV3_1 } from 'openapi-types';
import { emitAsyncApi } from '../asyncapi/emit.js';
import { endpointTitle } from '../model/cases.js';
import type { Field, Model, Shape, TypeRef } from '../model/types.js';
import { emitOpenApi } from '../openapi/emit.js';

const cell = (text: string): string => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();

function typeText(t: TypeRef): string {
  return t.kind === 'array' ? `${typeText(t.items)}[]` : t.kind === 'named' ? t.name : t.scalar;
}

function fieldTable(shape: Shape, flag: (f: Field) => string, flagTitle: string): string {
  if (shape.fields.length === 0) return '_No fields._';
  return ['| Name | Type | ' + flagTitle + ' | Description |', '|---|---|---|---|', ...shape.fields.map((f) => `| \`${f.name}\` | ${typeText(f.type)} | ${flag(f)} | ${cell(f.description)} |`)].join('\n');
}

function channelSection(model: Model, name: string): string {
  const c = model.channels.find((x) => x.name === name)!;
  const asyncapi = emitAsyncApi(model) as { channels: Record<string, { description: string }> };
  const messages = c.messages.map((m) => {
    const payload = m.payload ? fieldTable(m.payload, (f) => (m.direction === 'send' ? (f.required ? 'yes' : 'no') : f.always ? 'yes' : 'no'), m.direction === 'send' ? 'Required' : 'Always') : '_Binary audio bytes._';
    const example = c.examples.flatMap((e) => e.messages ?? []).find((x) => m.payload && m.payload.fields.every((f) => !f.always || f.name in x));
    return [`#### ${m.name} (${m.direction === 'send' ? 'client → server' : 'server → client'})`, m.description.trim(), payload, ...(example && m.direction === 'receive' ? ['```json', JSON.stringify(example, null, 2), '```'] : [])].join('\n\n');
  });
  return [
    `**${c.titleZh}** · \`wss://${c.host}${c.path}\``,
    c.summary,
    asyncapi.channels[name]!.description,
    '### Query parameters of the signed URL',
    fieldTable(c.query, (f) => (f.required ? 'yes' : 'no'), 'Required'),
    '### Messages',
    ...messages,
    'The machine-readable description is `generated/asyncapi.yaml` (AsyncAPI 3.0). Sign a URL with `npx asr-contract sign-url ' + name + '`.',
  ].join('\n\n');
}

export function docsDocument(model: Model): OpenAPIV3_1.Document {
  const doc = emitOpenApi(model) as OpenAPIV3_1.Document & { 'x-tagGroups'?: unknown };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item as Record<string, OpenAPIV3_1.OperationObject>)) {
      if (op && typeof op === 'object' && 'operationId' in op && op.operationId) op.summary = `${op.operationId} · ${op.summary ?? ''}`;
    }
  }
  // Redoc lists the info description's `##` headings in the sidebar: give signing its own entry,
  // built from the security schemes the OpenAPI emitter already wrote.
  const schemes = Object.entries(doc.components?.securitySchemes ?? {}) as [string, { description?: string }][];
  const signing = schemes.map(([name, s]) => `### ${name}\n\n${s.description ?? ''}`).join('\n\n');
  doc.info = { ...doc.info, title: `${model.service.name} (${model.service.nameZh})`, description: `${doc.info.description ?? ''}\n\n## Signing\n\n${signing}` };
  const channelTags = model.channels.map((c) => ({ name: `WebSocket: ${c.name} · ${c.titleZh}`, description: channelSection(model, c.name) }));
  doc.tags = [...(doc.tags ?? []), ...channelTags];
  doc['x-tagGroups'] = [
    { name: 'API 3.0 actions', tags: model.areas.map((a) => a.name) },
    { name: 'Flash recognition', tags: model.endpoints.map(endpointTitle) },
    { name: 'WebSockets', tags: channelTags.map((t) => t.name) },
  ];
  return doc;
}
