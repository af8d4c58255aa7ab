// The README's recipes as the interop tests run them: every code block marked
// `<!-- recipe: NAME -->` becomes the file NAME, and the README's command lines are looked up by
// their opening words, so the README and the tests cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

const readme = (): string => readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');

export function readmeRecipes(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of readme().matchAll(/<!-- recipe: ([\w.-]+) -->\n```\w*\n([\s\S]*?)\n```/g)) out.set(m[1]!, `${m[2]!}\n`);
  return out;
}

export function recipe(name: string): string {
  const text = readmeRecipes().get(name);
  if (!text) throw new Error(`README.md has no recipe block named ${name}`);
  return text;
}

/** The one README command line that starts with `prefix`, as written. */
export function readmeCommand(prefix: string): string {
  const lines = readme().split('\n').filter((l) => l.startsWith(prefix));
  if (lines.length !== 1) throw new Error(`expected one README line starting with ${JSON.stringify(prefix)}, found ${lines.length}`);
  return lines[0]!;
}
