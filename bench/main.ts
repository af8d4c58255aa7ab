// npm run bench: every speed goal of the project, measured side by side in one run.
import { benchBruno } from './bruno.js';
import { benchBuild } from './build.js';
import { benchContract } from './contract.js';
import { benchEmulator } from './emulator.js';
import { benchState } from './state.js';

const sections: Record<string, () => Promise<void>> = { build: benchBuild, emulator: benchEmulator, state: benchState, contract: benchContract, bruno: benchBruno };
const only = process.argv.slice(2);
const started = performance.now();
for (const [name, run] of Object.entries(sections)) {
  if (only.length > 0 && !only.includes(name)) continue;
  await run();
}
console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
