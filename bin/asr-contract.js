#!/usr/bin/env node
// Runs the bundled CLI from dist/ when it was built from the sources on disk (the `prepare` script
// builds it during `npm ci`), and otherwise the TypeScript sources through tsx, so an edited
// checkout never runs stale code and `npm ci` stays the only set-up step.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentDist } from './dist-freshness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundled = process.env.ASR_CONTRACT_NO_DIST ? undefined : currentDist(root);
let main;
if (bundled) {
  ({ main } = await import(pathToFileURL(bundled).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
