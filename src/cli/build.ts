// asr-contract build [--check] [--watch]: compile specs/ and write generated/, prove it is current,
// or keep it current while specs/ is edited.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Model } from '../model/types.js';
import { renderOutputs } from '../outputs.js';
import { compileOrReport } from './compile-or-report.js';
import { UsageError, type Io } from './io.js';
import { projectRoot } from './paths.js';
import { watchSpecs } from './watch-specs.js';
import { staleFiles, writeFilesAtomically } from './write-files.js';

export const BUILD_USAGE = `Usage: asr-contract build [--check | --watch] [--root DIR]

Compiles specs/ into generated/ (OpenAPI 3.1, AsyncAPI 3.0, Postman collection, environments,
types) and docs/spec-format.md.
  --check     write nothing; exit 1 and list every file that is stale or missing
  --watch     build, then rebuild whenever a file under specs/ changes, until Ctrl-C; a spec
              with errors prints its diagnostics and leaves the last good outputs in place
  --root DIR  project root holding specs/ and generated/ (default: this package)`;

const ms = (since: number): number => Math.round(performance.now() - since);

/** Compile and write; undefined (diagnostics printed, nothing written) when the specs have errors. */
function buildOnce(root: string, io: Io): { model: Model; written: string[]; files: number } | undefined {
  const model = compileOrReport(root, io);
  if (!model) return undefined;
  const files = renderOutputs(model);
  return { model, written: writeFilesAtomically(root, files).written, files: files.size };
}

export function runBuild(argv: string[], io: Io, defaultRoot: string, signal?: AbortSignal): number | Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, watch: { type: 'boolean' }, root: { type: 'string' } }, strict: true, allowPositionals: false });
  const root = values.root === undefined ? defaultRoot : projectRoot(io.cwd, values.root, '--root');
  if (values.check && values.watch) throw new UsageError('--check and --watch do not go together');
  if (values.watch) return watchBuild(root, io, signal);
  const started = performance.now();
  if (values.check) {
    const model = compileOrReport(root, io);
    if (!model) return 1;
    const files = renderOutputs(model);
    const stale = staleFiles(root, files);
    for (const s of stale) io.stderr(`${s.reason === 'missing' ? 'missing' : 'stale'}: ${s.path}`);
    if (stale.length > 0) {
      io.stderr(`generated/ is out of date (${stale.length} of ${files.size} files); run \`asr-contract build\` and commit the result.`);
      return 1;
    }
    io.stdout(`generated/ is up to date (${files.size} files, ${model.actions.length} actions).`);
    return 0;
  }
  const built = buildOnce(root, io);
  if (!built) return 1;
  io.stdout(`built ${built.model.actions.length} actions into ${built.files} files (${built.written.length} changed) in ${ms(started)} ms`);
  for (const p of built.written) io.stdout(`  wrote ${p}`);
  return 0;
}

/** Builds, then rebuilds on every (debounced) change under specs/ until SIGINT, SIGTERM or `signal`. */
async function watchBuild(root: string, io: Io, signal?: AbortSignal): Promise<number> {
  const first = performance.now();
  const built = buildOnce(root, io);
  if (built) io.stdout(`built ${built.model.actions.length} actions into ${built.files} files (${built.written.length} changed) in ${ms(first)} ms`);
  const watcher = watchSpecs(root, join(root, 'specs'), (paths) => {
    const started = performance.now();
    const again = buildOnce(root, io);
    if (again) io.stdout(`rebuilt ${again.written.length} file${again.written.length === 1 ? '' : 's'} in ${ms(started)} ms (${paths.join(', ')})`);
    else io.stderr('the last good outputs stay in place; waiting for the next change');
  });
  await watcher.ready;
  io.stdout('watching specs/ for changes (Ctrl-C to stop)');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
  });
  await watcher.close();
  io.stdout('stopped watching');
  return 0;
}
