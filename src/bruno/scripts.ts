// The Bruno collection's scripts: Bruno-API adapters under sandbox/, each after the shared helpers it
// calls (src/collection/sandbox/), joined as for the Postman collection.
import { CHECK_HELPERS, SHARED, sandboxSource } from '../collection/sandbox-source.js';

export type BrunoScript = 'sign-tc3' | 'contract-tests' | 'sign-flash' | 'flash-tests';

const own = (name: string): string => `bruno/sandbox/${name}`;
const CREDENTIALS = own('lib/bruno-credentials');
const IO = own('lib/bruno-io');

export const BRUNO_SCRIPT_FILES: Record<BrunoScript, readonly string[]> = {
  'sign-tc3': [SHARED.readContract, SHARED.signProbe, SHARED.tc3Authorization, CREDENTIALS, own('sign-tc3')],
  'sign-flash': [SHARED.readContract, SHARED.signProbe, SHARED.flashSignature, CREDENTIALS, own('sign-flash')],
  'contract-tests': [...CHECK_HELPERS, SHARED.contractChecks, IO, own('contract-tests')],
  'flash-tests': [...CHECK_HELPERS, SHARED.flashChecks, IO, own('flash-tests')],
};

export function brunoScript(name: BrunoScript): string {
  return sandboxSource(BRUNO_SCRIPT_FILES[name]).replace(/\n$/, '');
}
