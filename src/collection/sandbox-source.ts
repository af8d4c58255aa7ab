// Sandbox scripts are real .js files, loaded verbatim: never assembled from strings. A runner runs
// each script event on its own, with no imports, so a script is its helpers' files followed by its
// own, joined in order. Paths are relative to src/ and name the file without .js: the shared helpers
// under collection/sandbox/, each runner's adapters under postman/sandbox/ and bruno/sandbox/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

const read = (file: string): string => readFileSync(join(PACKAGE_ROOT, 'src', `${file}.js`), 'utf8');

export function sandboxSource(files: readonly string[]): string {
  return files.map(read).join('\n');
}

/** The shared, runner-neutral helpers. */
export const SHARED = {
  readContract: 'collection/sandbox/read-contract',
  readAnswer: 'collection/sandbox/read-answer',
  contractFormats: 'collection/sandbox/contract-formats',
  createAjv: 'collection/sandbox/create-ajv',
  describeAjvErrors: 'collection/sandbox/describe-ajv-errors',
  schemaValidator: 'collection/sandbox/schema-validator',
  contractChecks: 'collection/sandbox/contract-checks',
  flashChecks: 'collection/sandbox/flash-checks',
  tc3Authorization: 'collection/sandbox/tc3-authorization',
  flashSignature: 'collection/sandbox/flash-signature',
  signProbe: 'collection/sandbox/sign-probe',
} as const;

/** What every test script needs to read an answer and check it against a schema. */
export const CHECK_HELPERS = [SHARED.readContract, SHARED.readAnswer, SHARED.contractFormats, SHARED.createAjv, SHARED.describeAjvErrors, SHARED.schemaValidator] as const;
