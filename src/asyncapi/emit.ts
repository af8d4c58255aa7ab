// IR → AsyncAPI 3.0 for the WebSocket channels (real-time recognition, virtual-number detection).
// Pure: no I/O, no clock. Payload schemas come from the same generator as every other schema.
import { reachableTypes, shapeSchema, typeIndex, componentName, fieldSchema, type JsonSchema, type SchemaOptions } from '../model/schema.js';
import type { Channel, ChannelMessage } from '../model/surface-types.js';
import type { Model } from '../model/types.js';
import { ModelValidators } from '../model/validators.js';

const OPTIONS: SchemaOptions = { dialect: 'draft-07', annotations: true, ref: (name) => `#/components/schemas/${name}` };
const SERVER = 'asr';
const SECURITY = 'signedUrl';

const messageKey = (c: Channel, m: ChannelMessage): string => `${c.name}.${m.name}`;
const title = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (x) => x.toUpperCase());

function codeTable(c: Channel): string {
  return ['| Code | Meaning |', '|---|---|', ...c.codes.map((x) => `| \`${x.code}\` | ${x.description.replace(/\s*\n\s*/g, ' ')} |`)].join('\n');
}

/** Example messages filed under the first message whose payload they fit. */
function examplesByMessage(model: Model, c: Channel): Map<string, unknown[]> {
  const validators = ModelValidators.for(model);
  const out = new Map<string, unknown[]>();
  // The most specific message first: an acknowledgement's few fields fit every message.
  const candidates = c.messages
    .filter((m) => m.payload && m.direction === 'receive')
    .sort((a, b) => b.payload!.fields.filter((f) => f.always).length - a.payload!.fields.filter((f) => f.always).length);
  for (const ex of c.examples) {
    for (const msg of ex.messages ?? []) {
      const m = candidates.find((x) => validators.surface(`message.${c.name}.${x.name}`)(msg));
      if (m) out.set(m.name, [...(out.get(m.name) ?? []), msg]);
    }
  }
  return out;
}

export function emitAsyncApi(model: Model): Record<string, unknown> {
  const types = typeIndex(model);
  const schemas: Record<string, JsonSchema> = {};
  const shapes = model.channels.flatMap((c) => c.messages.filter((m) => m.payload).map((m) => ({ shape: m.payload!, direction: m.direction === 'send' ? ('request' as const) : ('response' as const) })));
  for (const { type, direction } of reachableTypes(shapes, types)) {
    schemas[componentName(type, direction)] = { ...shapeSchema(type.shape, direction, types, OPTIONS), description: type.description.trim() };
  }
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const c of model.channels) {
    const examples = examplesByMessage(model, c);
    const channelMessages: Record<string, unknown> = {};
    for (const m of c.messages) {
      const key = messageKey(c, m);
      messages[key] = {
        name: m.name,
        title: title(m.name),
        summary: m.description.trim().split('\n')[0],
        description: m.description.trim(),
        contentType: m.binary ? 'application/octet-stream' : 'application/json',
        payload: m.binary ? { type: 'string', contentMediaType: 'application/octet-stream', description: 'Raw audio bytes.' } : shapeSchema(m.payload!, m.direction === 'send' ? 'request' : 'response', types, OPTIONS),
        ...(examples.get(m.name) ? { examples: examples.get(m.name)!.map((payload) => ({ payload })) } : {}),
      };
      channelMessages[m.name] = { $ref: `#/components/messages/${key}` };
    }
    const query: JsonSchema = {
      type: 'object',
      required: c.query.fields.filter((f) => f.required).map((f) => f.name),
      properties: Object.fromEntries(c.query.fields.map((f) => [f.name, fieldSchema(f, 'request', types, OPTIONS)])),
    };
    channels[c.name] = {
      address: c.path,
      title: `${title(c.name)} · ${c.titleZh}`,
      summary: c.summary,
      description: [c.description.trim(), '### Signed URL', c.signature.description.trim(), '### Codes', codeTable(c), ...(Object.keys(c.limits).length ? ['### Limits', ...Object.entries(c.limits).map(([k, v]) => `- \`${k}\`: ${v}`)] : [])].join('\n\n'),
      servers: [{ $ref: `#/servers/${SERVER}` }],
      parameters: Object.fromEntries(c.pathParameters.map((f) => [f.name, { description: f.description.trim() }])),
      messages: channelMessages,
      bindings: { ws: { query, bindingVersion: '0.1.0' } },
    };
    const refs = (dir: 'send' | 'receive') => c.messages.filter((m) => m.direction === dir).map((m) => ({ $ref: `#/channels/${c.name}/messages/${m.name}` }));
    operations[`${c.name}.send`] = { action: 'send', channel: { $ref: `#/channels/${c.name}` }, title: `Send to ${c.name}`, summary: 'What the client sends: audio frames, then the end message.', messages: refs('send') };
    operations[`${c.name}.receive`] = { action: 'receive', channel: { $ref: `#/channels/${c.name}` }, title: `Receive from ${c.name}`, summary: 'What the service answers: the acknowledgement, results, the final message or an error.', messages: refs('receive') };
  }
  const first = model.channels[0];
  return {
    asyncapi: '3.0.0',
    info: {
      title: `${model.service.name} (${model.service.nameZh}) WebSockets`,
      version: model.service.contractVersion,
      description: `The streaming surfaces of Tencent Cloud ASR: ${model.channels.map((c) => `${c.titleZh} (\`${c.path}\`)`).join(', ')}. Every URL is signed; see each channel.`,
    },
    defaultContentType: 'application/json',
    servers: {
      [SERVER]: { host: first?.host ?? '', protocol: 'wss', description: 'The streaming host, shared by the channels.', security: [{ $ref: `#/components/securitySchemes/${SECURITY}` }] },
    },
    channels,
    operations,
    components: {
      schemas,
      messages,
      securitySchemes: {
        [SECURITY]: { type: 'httpApiKey', in: 'query', name: first?.signature.parameter ?? 'signature', description: first?.signature.description.trim() ?? '' },
      },
    },
  };
}
