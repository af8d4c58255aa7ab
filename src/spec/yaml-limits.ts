// Resource limits on a parsed spec file. The yaml package guards itself (an alias bomb throws from
// toJS, runaway nesting overflows the parser's stack); these are the input's fault, so they become
// diagnostics at the file and place, never an "internal error". Nesting is also capped well below
// the stack, so that the checks that walk the data later cannot overflow on it either.
import { isAlias, isCollection, isPair, type Document, type LineCounter, type Node } from 'yaml';
import type { Diagnostic } from './diagnostics.js';

/** Deepest nesting of mappings and sequences a spec file may have (real ones stay under 15). */
export const MAX_SPEC_NESTING = 64;

/** How many alias expansions toJS allows (the yaml package's own default, stated here). */
export const MAX_ALIAS_COUNT = 100;

type Problem = Omit<Diagnostic, 'file'>;

const problem = (message: string, lines: LineCounter, offset: number): Problem => {
  const pos = lines.linePos(offset);
  return { rule: 'resource-limit', severity: 'error', message, line: pos.line, column: pos.col };
};

/** A parse error that is really the parser running out of stack. */
export function isStackOverflow(message: string): boolean {
  return /call stack/i.test(message);
}

export function nestingMessage(): string {
  return `the file nests mappings and sequences too deeply; a spec file may nest at most ${MAX_SPEC_NESTING} levels`;
}

/** The document as plain JavaScript, or the limit it broke. */
export function toJsWithinLimits(doc: Document.Parsed, lines: LineCounter): { data: unknown } | { problem: Problem } {
  const deep = tooDeep(doc.contents);
  if (deep) return { problem: problem(nestingMessage(), lines, deep.range?.[0] ?? 0) };
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const alias = firstAlias(doc.contents);
    if (/alias/i.test(message)) return { problem: problem(`its aliases (*name) expand to too many nodes, as in an alias bomb; the loader stops at ${MAX_ALIAS_COUNT} expansions`, lines, alias?.range?.[0] ?? 0) };
    if (isStackOverflow(message)) return { problem: problem(nestingMessage(), lines, 0) };
    return { problem: problem(`the file cannot be turned into data: ${message}`, lines, 0) };
  }
}

function children(node: unknown): Node[] {
  if (!isCollection(node)) return [];
  return (node.items as unknown[]).flatMap((item) => (isPair(item) ? [item.key, item.value] : [item])).filter((n): n is Node => !!n && typeof n === 'object');
}

/** The first node nested deeper than the limit, found without recursion. */
function tooDeep(root: unknown): Node | undefined {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_SPEC_NESTING) return node;
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** The alias that comes first in the text. */
function firstAlias(root: unknown): Node | undefined {
  const stack: unknown[] = [root];
  let first: Node | undefined;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node) && (!first || (node.range?.[0] ?? 0) < (first.range?.[0] ?? 0))) first = node;
    stack.push(...children(node));
  }
  return first;
}
