// asr-contract build [--check]: compile specs/ and write generated/, or prove it is current.
import { parseArgs } from 'node:util';
import { renderOutputs } from '../outputs.js';
import { compileOrReport } from './compile-or-report.js';
import type { Io } from './io.js';
import { projectRoot } from './paths.js';
import { staleFiles, writeFilesAtomically } from './write-files.js';

export const BUILD_USAGE = `Usage: asr-contract build [--check] [--root DIR]

Compiles specs/ into generated/ (OpenAPI 3.1, Postman collection, environments).
  --check     write nothing; exit 1 and list every file that is stale or missing
  --root DIR  project root holding specs/ and generated/ (default: this package)`;

export function runBuild(argv: string[], io: Io, defaultRoot: string): number {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, root: { type: 'string' } }, strict: true, allowPositionals: false });
  const root = values.root === undefined ? defaultRoot : projectRoot(io.cwd, values.root, '--root');
  const started = performance.now();
  const model = compileOrReport(root, io);
  if (!model) return 1;
  const files = renderOutputs(model);
  if (values.check) {
    const stale = staleFiles(root, files);
    for (const s of stale) io.stderr(`${s.reason === 'missing' ? 'missing' : 'stale'}: ${s.path}`);
    if (stale.length > 0) {
      io.stderr(`generated/ is out of date (${stale.length} of ${files.size} files); run \`asr-contract build\` and commit the result.`);
      return 1;
    }
    io.stdout(`generated/ is up to date (${files.size} files, ${model.actions.length} actions).`);
    return 0;
  }
  const report = writeFilesAtomically(root, files);
  const ms = Math.round(performance.now() - started);
  io.stdout(`built ${model.actions.length} actions into ${files.size} files (${report.written.length} changed) in ${ms} ms`);
  for (const p of report.written) io.stdout(`  wrote ${p}`);
  return 0;
}
