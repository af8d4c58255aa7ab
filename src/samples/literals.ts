// Values from the spec's examples written as literals of each sample language. JSON's string
// syntax is also a valid string literal in JavaScript, Python, Java, C#, Go and C++, so only PHP
// and the shell need their own quoting.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const quoted = (s: string): string => JSON.stringify(s);

const pad = (depth: number, unit: string): string => unit.repeat(depth);

/** A JSON-like literal with language-specific keywords and separators. */
function literal(v: Json, depth: number, unit: string, words: { t: string; f: string; n: string; str: (s: string) => string; pair: string; open: [string, string]; list: [string, string] }): string {
  if (v === null) return words.n;
  if (typeof v === 'boolean') return v ? words.t : words.f;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return words.str(v);
  const inner = pad(depth + 1, unit);
  if (Array.isArray(v)) {
    if (v.length === 0) return words.list.join('');
    return `${words.list[0]}\n${v.map((x) => inner + literal(x, depth + 1, unit, words)).join(',\n')},\n${pad(depth, unit)}${words.list[1]}`;
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return words.open.join('');
  return `${words.open[0]}\n${entries.map(([k, x]) => `${inner}${words.str(k)}${words.pair}${literal(x, depth + 1, unit, words)}`).join(',\n')},\n${pad(depth, unit)}${words.open[1]}`;
}

export const pythonLiteral = (v: Json, depth = 0): string =>
  literal(v, depth, '    ', { t: 'True', f: 'False', n: 'None', str: quoted, pair: ': ', open: ['{', '}'], list: ['[', ']'] });

export const phpString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export const phpLiteral = (v: Json, depth = 0): string =>
  literal(v, depth, '    ', { t: 'true', f: 'false', n: 'null', str: phpString, pair: ' => ', open: ['[', ']'], list: ['[', ']'] });

/** Single-quoted for POSIX shells unless the word needs no quoting at all. */
export const shellWord = (s: string): string => (/^[A-Za-z0-9_.,:/@%+=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export const indentLines = (text: string, prefix: string): string => text.split('\n').map((l, i) => (i === 0 ? l : prefix + l)).join('\n');
