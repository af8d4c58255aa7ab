// YAML as Bruno writes its OpenCollection files (@usebruno/filestore's stringifyYml): the `yaml`
// package with no line folding and plain strings where they can be, and a blank line before each
// top-level block. Writing what the app writes keeps a save in the app from rewriting every file.
import { stringify } from 'yaml';

const BLOCK_KEYS = new Set(['info', 'http', 'graphql', 'grpc', 'websocket', 'mock', 'routes', 'runtime', 'settings', 'examples', 'docs', 'items', 'request']);

function render(document: Record<string, unknown>): string {
  const text = stringify(document, { lineWidth: 0, indent: 2, minContentWidth: 0, defaultStringType: 'PLAIN', aliasDuplicateObjects: false });
  const out: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    const key = /^([A-Za-z]+):/.exec(line)?.[1];
    if (i > 0 && key && BLOCK_KEYS.has(key) && out.at(-1) !== '') out.push('');
    out.push(line);
  }
  return out.join('\n');
}

// Two renders' worth, by each document's JSON: what the last render wrote, and what this one has so far.
// Under `build --watch` an edit changes a few of the collection's hundreds of files; the rest are kept.
let current = new Map<string, string>();
let previous = new Map<string, string>();

export function brunoYaml(document: Record<string, unknown>): string {
  const id = JSON.stringify(document);
  const text = current.get(id) ?? previous.get(id) ?? render(document);
  current.set(id, text);
  return text;
}

/** Ends a render: what it did not use is dropped after the next one. */
export function endBrunoRender(): void {
  previous = current;
  current = new Map();
}
