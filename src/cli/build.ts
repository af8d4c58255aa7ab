// asr-contract build [--check] [--watch]: compile specs/ and write generated/, prove it is current,
// or keep it current while specs/ is edited.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Model } from '../model/types.js';
import { OWNED_OUTPUTS, renderOutputs } from '../outputs.js';
import { compileOrReport } from './compile-or-report.js';
import { CliError, UsageError, type Io } from './io.js';
import { untilStopped } from './until-stopped.js';
import { describeProject, displayPath, type ContractProject } from '../project/resolve.js';
import { watchSpecs } from './watch-specs.js';
import { removeStrayFiles, staleFiles, strayFiles, writeFilesAtomically } from '../write-files.js';

export const BUILD_USAGE = `Usage: asr-contract build [--check | --watch] [--root DIR]

Compiles the contract's specs/ into its generated/: OpenAPI 3.1, AsyncAPI 3.0, the Postman collection
and its environments, a native Bruno collection (generated/bruno/, OpenCollection YAML, with its
local and live environments and its response validators, precompiled) and TypeScript types.
  --check     write nothing; say which contract was checked, and exit 1 listing every file that
              is stale or missing, and every request or validator file in generated/bruno/ that
              the build no longer writes (a build removes those)
  --watch     build, then rebuild whenever a file under specs/ changes, until Ctrl-C (or until the
              process that started it exits); a spec with errors prints its diagnostics and leaves
              the last good outputs in place

A file under specs/ that is not a spec at all (not a regular file, such as a named pipe; not UTF-8; past a
loader limit, such as an alias bomb) is refused with one line naming the file and exit code 2.`;

const ms = (since: number): number => Math.round(performance.now() - since);

/** Compile and write; undefined (diagnostics printed, nothing written) when the specs have errors. */
function buildOnce(project: ContractProject, io: Io): { model: Model; written: string[]; removed: string[]; files: number } | undefined {
  const model = compileOrReport(project.root, io);
  if (!model) return undefined;
  const files = renderOutputs(model, { kitDocs: project.isKit });
  const written = writeFilesAtomically(project.root, files).written;
  const stray = strayFiles(project.root, files, OWNED_OUTPUTS);
  removeStrayFiles(project.root, stray, OWNED_OUTPUTS);
  return { model, written, removed: stray, files: files.size };
}

export function runBuild(argv: string[], io: Io, project: ContractProject, signal?: AbortSignal): number | Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean' }, watch: { type: 'boolean' } }, strict: true, allowPositionals: false });
  if (values.check && values.watch) throw new UsageError('--check and --watch do not go together');
  const which = describeProject(project, io.cwd);
  // The installed package's folder is not the user's to write into: the next `npm ci` replaces it.
  if (project.source === 'package' && !values.check) throw new CliError(`there is no contract of your own here to build (no specs/service.yaml in this folder or above). \`asr-contract init\` copies the contract into this folder; --root DIR names one elsewhere`);
  if (values.watch) return watchBuild(project, io, signal);
  const started = performance.now();
  if (values.check) {
    const model = compileOrReport(project.root, io);
    if (!model) return 1;
    const files = renderOutputs(model, { kitDocs: project.isKit });
    const stale = staleFiles(project.root, files);
    const stray = strayFiles(project.root, files, OWNED_OUTPUTS);
    for (const s of stale) io.stderr(`${s.reason === 'missing' ? 'missing' : 'stale'}: ${s.path}`);
    for (const p of stray) io.stderr(`not written by the build (a build removes it): ${p}`);
    if (stale.length + stray.length > 0) {
      const extra = stray.length > 0 ? ` and ${stray.length} left over` : '';
      io.stderr(`generated/ of ${which} is out of date (${stale.length} of ${files.size} files${extra}); run \`asr-contract build\` and commit the result.`);
      return 1;
    }
    io.stdout(`generated/ of ${which} is up to date (${files.size} files, ${model.actions.length} actions).`);
    return 0;
  }
  const built = buildOnce(project, io);
  if (!built) return 1;
  io.stdout(`built ${built.model.actions.length} actions into ${built.files} files (${built.written.length} changed) in ${ms(started)} ms`);
  for (const p of built.written) io.stdout(`  wrote ${p}`);
  for (const p of built.removed) io.stdout(`  removed ${p} (no longer built)`);
  return 0;
}

/** Builds, then rebuilds on every (debounced) change under specs/ until SIGINT, SIGTERM or `signal`. */
async function watchBuild(project: ContractProject, io: Io, signal?: AbortSignal): Promise<number> {
  const root = project.root;
  // Taken before the first build, so a stop that comes while it builds is not lost.
  const { stopped, release } = untilStopped({ ...(signal ? { signal } : {}), watchParent: true });
  // While watching, a file that is not a spec (say, a FIFO an editor left) is said, and watching goes on.
  const attempt = (): ReturnType<typeof buildOnce> => {
    try {
      return buildOnce(project, io);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      io.stderr(e.message);
      return undefined;
    }
  };
  const first = performance.now();
  const built = attempt();
  if (built) io.stdout(`built ${built.model.actions.length} actions into ${built.files} files (${built.written.length} changed) in ${ms(first)} ms`);
  const watcher = watchSpecs(root, join(root, 'specs'), (paths) => {
    const started = performance.now();
    const again = attempt();
    if (again) io.stdout(`rebuilt ${again.written.length} file${again.written.length === 1 ? '' : 's'} in ${ms(started)} ms (${paths.join(', ')})`);
    else io.stderr('the last good outputs stay in place; waiting for the next change');
  });
  await watcher.ready;
  io.stdout(`watching ${displayPath(io.cwd, join(root, 'specs'))}/ for changes (Ctrl-C to stop)`);
  const why = await stopped;
  release();
  await watcher.close();
  io.stdout(`stopped watching (${why})`);
  return 0;
}
