// The Postman collection's scripts: Postman-API adapters under sandbox/, each after the shared helpers
// it calls (src/collection/sandbox/), as src/collection/sandbox-source.ts joins them.
import { CHECK_HELPERS, SHARED, sandboxSource as joined } from '../collection/sandbox-source.js';

export type SandboxScript = 'sign-tc3' | 'contract-tests' | 'sign-flash' | 'flash-tests';

const own = (name: SandboxScript): string => `postman/sandbox/${name}`;
const IO = 'postman/sandbox/lib/postman-io';

export const SCRIPT_FILES: Record<SandboxScript, readonly string[]> = {
  'sign-tc3': [SHARED.readContract, SHARED.signProbe, SHARED.tc3Authorization, own('sign-tc3')],
  'sign-flash': [SHARED.readContract, SHARED.signProbe, SHARED.flashSignature, own('sign-flash')],
  'contract-tests': [...CHECK_HELPERS, SHARED.contractChecks, IO, own('contract-tests')],
  'flash-tests': [...CHECK_HELPERS, SHARED.flashChecks, IO, own('flash-tests')],
};

export function sandboxSource(name: SandboxScript): string {
  return joined(SCRIPT_FILES[name]);
}

/** A script as Postman stores it: one array entry per line. */
export function scriptLines(name: SandboxScript): string[] {
  return sandboxSource(name).replace(/\n$/, '').split('\n');
}
