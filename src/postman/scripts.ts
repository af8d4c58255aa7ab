// Sandbox scripts are real .js files under sandbox/, loaded verbatim: never assembled from strings.
// A script that uses a shared helper from sandbox/lib/ gets the helper's file put in front of it,
// because each Postman script event runs on its own and cannot import.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export type SandboxScript = 'sign-tc3' | 'contract-tests' | 'sign-flash' | 'flash-tests';

const HELPERS: Record<SandboxScript, string[]> = {
  'sign-tc3': ['lib/read-contract'],
  'sign-flash': ['lib/read-contract'],
  'contract-tests': ['lib/read-contract', 'lib/read-answer', 'lib/create-ajv', 'lib/describe-ajv-errors'],
  'flash-tests': ['lib/read-contract', 'lib/read-answer', 'lib/create-ajv', 'lib/describe-ajv-errors'],
};

const read = (file: string): string => readFileSync(join(PACKAGE_ROOT, 'src/postman/sandbox', `${file}.js`), 'utf8');

export function sandboxSource(name: SandboxScript): string {
  return [...HELPERS[name], name].map(read).join('\n');
}

/** A script as Postman stores it: one array entry per line. */
export function scriptLines(name: SandboxScript): string[] {
  return sandboxSource(name).replace(/\n$/, '').split('\n');
}
