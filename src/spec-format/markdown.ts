// Small markdown helpers for the spec-format reference: table cells, code spans, one-line YAML.
import { Document, isScalar, visit } from 'yaml';

/** Prose from the schema: `<name>` placeholders outside code spans must not read as HTML tags. */
export function prose(text: string): string {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;')))
    .join('');
}

/** Prose on one line, for a table cell or a short paragraph. */
export function cell(text: string): string {
  return prose(text).replace(/\s*\n\s*/g, ' ').trim();
}

/** A code span that survives backticks in its content. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return text.startsWith('`') || text.endsWith('`') ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** `key: value` as one line of YAML (flow style); multi-line strings are double-quoted with escapes. */
export function yamlLine(key: string, value: unknown): string {
  const doc = new Document({ [key]: value });
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && node.value.includes('\n')) node.type = 'QUOTE_DOUBLE';
    },
  });
  const text = doc.toString({ lineWidth: 0, collectionStyle: 'flow' }).trim();
  // Flow style may still break long collections over lines; no string holds a raw newline by now.
  return text.replace(/\s*\n\s*/g, ' ').replace(/^\{ (.*) \}$/, '$1');
}

/** A GitHub table; a pipe inside a cell is escaped, code spans included (GitHub needs that there too). */
export function table(head: string[], rows: string[][]): string[] {
  const row = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')).join(' | ')} |`;
  return [row(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(row)];
}

/** An explicit anchor, so links do not depend on how a renderer slugs headings. */
export const anchor = (id: string): string => `<a id="${id}"></a>`;
