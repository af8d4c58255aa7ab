// YAML for the generated documents (openapi.yaml, asyncapi.yaml), from the `yaml` package, in
// pieces: every entry two levels down (`paths./#X-TC-Action=…`, `components.schemas.Task`) is
// stringified on its own and kept, by its JSON, until a render no longer uses it. Under
// `build --watch` an edit re-stringifies only the pieces it changed; the text is the same as
// stringifying the whole document at once, which test/outputs/yaml-output.test.ts holds.
import { stringify } from 'yaml';

const OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false } as const;
const SPLIT_DEPTH = 2;

/** Per document (openapi, asyncapi …): the pieces of its last render, and of this one so far. */
interface Pieces {
  current: Map<string, string>;
  previous: Map<string, string>;
}
const byDocument = new Map<string, Pieces>();

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0;
const indent = (text: string, by: number): string => text.replace(/^(?=.)/gm, ' '.repeat(by));

/** One `key: value` entry as YAML, from the previous render when it is unchanged. */
function entry(pieces: Pieces, key: string, value: unknown): string {
  const id = JSON.stringify([key, value]);
  let text = pieces.current.get(id) ?? pieces.previous.get(id);
  if (text === undefined) text = stringify({ [key]: value }, OPTIONS);
  pieces.current.set(id, text);
  return text;
}

/** `key:` as `yaml` writes it above a nested map (the key quoted the way it quotes keys). */
function keyLine(key: string): string {
  const text = stringify({ [key]: {} }, OPTIONS);
  if (!text.endsWith(': {}\n')) throw new Error(`unexpected YAML for the key ${JSON.stringify(key)}: ${text}`);
  return `${text.slice(0, -' {}\n'.length)}\n`;
}

function emit(pieces: Pieces, map: Record<string, unknown>, depth: number): string {
  let out = '';
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    out += depth < SPLIT_DEPTH && isMap(value) ? keyLine(key) + indent(emit(pieces, value, depth + 1), 2) : entry(pieces, key, value);
  }
  return out;
}

/** `name` tells the documents apart, so that each keeps its own pieces. */
export function documentYaml(name: string, document: Record<string, unknown>): string {
  let pieces = byDocument.get(name);
  if (!pieces) byDocument.set(name, (pieces = { current: new Map(), previous: new Map() }));
  const text = emit(pieces, document, 0);
  // What this render did not use is dropped after the next one: two renders' pieces at most.
  pieces.previous = pieces.current;
  pieces.current = new Map();
  return text;
}
