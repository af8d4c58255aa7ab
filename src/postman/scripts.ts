// Sandbox scripts are real .js files under sandbox/, loaded verbatim: never assembled from strings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

export type SandboxScript = 'sign-tc3' | 'contract-tests' | 'sign-flash' | 'flash-tests';

export function sandboxSource(name: SandboxScript): string {
  return readFileSync(join(PACKAGE_ROOT, 'src/postman/sandbox', `${name}.js`), 'utf8');
}

/** A script as Postman stores it: one array entry per line. */
export function scriptLines(name: SandboxScript): string[] {
  return sandboxSource(name).replace(/\n$/, '').split('\n');
}
