// An AsyncAPI 3.0 document → the view: each channel's signed-URL query, the payload of every JSON
// message (sent: a request side, received: a response side), shared types, texts and examples.
import { mergeShapes, SchemaReader, type JsonSchema } from './read-schema.js';
import { authoredText } from './read-texts.js';
import { canonical, type ContractView } from './view.js';

const object = (v: unknown): JsonSchema => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonSchema) : {});

/** Adds the document's channels to `view` (which already holds the OpenAPI part). */
export function addAsyncApi(view: ContractView, doc: unknown): void {
  const d = object(doc);
  const components = object(d.components);
  const reader = new SchemaReader(object(components.schemas));
  const messages = object(components.messages);

  // `#/channels/<c>/messages/<m>` → whether the client sends or receives it.
  const direction = new Map<string, 'send' | 'receive'>();
  for (const op of Object.values(object(d.operations))) {
    const action = object(op).action;
    if (action !== 'send' && action !== 'receive') continue;
    for (const m of Array.isArray(object(op).messages) ? (object(op).messages as unknown[]) : []) direction.set(String(object(m).$ref), action);
  }

  for (const [name, raw] of Object.entries(object(d.channels))) {
    const c = object(raw);
    view.surfaces.set(name, 'channel');
    view.texts.set(name, { summary: String(c.summary ?? ''), description: authoredText(String(c.description ?? '')) });
    const query = object(object(object(c.bindings).ws).query);
    if (Object.keys(object(query.properties)).length > 0) view.shapes.set(`${name}.query`, reader.shape(query, 'request'));
    for (const [key, ref] of Object.entries(object(c.messages))) {
      const target = String(object(ref).$ref ?? '');
      const m = object(messages[target.replace('#/components/messages/', '')]);
      const where = `${name}.${key}`;
      view.texts.set(where, { description: String(m.description ?? '') }); // its summary is the description's first line
      const payload = object(m.payload);
      if (payload.type === 'object') {
        const side = direction.get(`#/channels/${name}/messages/${key}`) === 'send' ? 'request' : 'response';
        view.shapes.set(where, reader.shape(payload, side));
      }
      const examples = Array.isArray(m.examples) ? m.examples : [];
      if (examples.length > 0) view.examples.set(where, new Map(examples.map((x, i) => [`message #${i + 1}`, canonical(object(x).payload)])));
    }
  }

  for (const [name, shape] of reader.typeShapes()) {
    const where = `types.${name}`;
    const known = view.shapes.get(where);
    view.shapes.set(where, known ? mergeShapes(known, shape) : shape);
    const s = reader.types.get(name);
    const description = (s?.response ?? s?.request)?.description;
    if (!view.texts.has(where) && typeof description === 'string') view.texts.set(where, { description });
  }
}
