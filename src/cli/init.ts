// asr-contract init [--force] [--root DIR]: a copy of the contract the team owns, in its own
// repository, built and wired into npm scripts and CI. Refuses to replace anything unless --force.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GITIGNORE_LINES, INIT_SCRIPTS, planInit, WORKFLOW_FILE } from '../init/plan.js';
import { displayPath, type ContractProject } from '../project/resolve.js';
import { formatDiagnostic } from '../spec/diagnostics.js';
import { readSpecTree } from '../spec/load.js';
import { CliError, type Io } from './io.js';
import { writeFilesAtomically } from '../write-files.js';

export const INIT_USAGE = `Usage: asr-contract init [--force] [--root DIR]

Puts a copy of the contract into this repository (or DIR), for your team to pin, extend and review:
  specs/                       the contract's YAML, the one source of truth
  generated/                   built from it (OpenAPI, AsyncAPI, Postman collection and environments, types)
  package.json                 scripts: ${Object.keys(INIT_SCRIPTS).join(', ')}
  ${WORKFLOW_FILE}  a CI job: build --check, then the contract run against the emulator
  .gitignore                   ${GITIGNORE_LINES.join(' ')}
From then on every asr-contract command run in this repository uses this copy.
  --force     replace what exists (spec files the package also has, generated/, the workflow, the
              scripts); spec files of your own are kept. Use git to review what changed.`;

const read = (dir: string) => (path: string): Buffer | undefined => {
  try {
    return readFileSync(join(dir, path));
  } catch {
    return undefined;
  }
};

/** `--root` here names where the new contract goes, so init parses it itself (main leaves it in). */
export function runInit(argv: string[], io: Io, project: ContractProject): number {
  const { values } = parseArgs({ args: argv, options: { force: { type: 'boolean' }, root: { type: 'string' } }, strict: true, allowPositionals: false });
  const target = resolve(io.cwd, values.root ?? '.');
  if (!existsSync(target)) throw new CliError(`${values.root ?? '.'}: no such folder`);
  if (!statSync(target).isDirectory()) throw new CliError(`${values.root}: that is a file, not a folder`);
  if (resolve(target) === resolve(project.packageRoot)) throw new CliError('this is the asr-contract package itself; run init in your own repository');
  const specsDir = join(target, 'specs');
  if (existsSync(specsDir) && !statSync(specsDir).isDirectory()) throw new CliError(`${displayPath(io.cwd, specsDir)} is a file, not a folder`);

  const plan = planInit(project.packageRoot, { specs: existsSync(specsDir) ? readSpecTree(specsDir, target) : [], read: read(target) });
  if (plan.diagnostics.some((d) => d.severity === 'error')) {
    for (const d of plan.diagnostics) io.stderr(formatDiagnostic(d));
    throw new CliError('the spec files already in specs/ do not compile together with the package\'s; nothing was written');
  }
  if (plan.clashes.length > 0 && !values.force) {
    io.stderr('asr-contract init: these exist and would be replaced:');
    for (const c of plan.clashes) io.stderr(`  ${c}`);
    io.stderr('nothing was written. Run `asr-contract init --force` to replace them (your own spec files are kept), after committing what you have.');
    return 2;
  }
  const where = displayPath(io.cwd, target);
  const report = writeFilesAtomically(target, plan.files);
  const specs = report.written.filter((p) => p.startsWith('specs/')).length;
  const generated = report.written.filter((p) => p.startsWith('generated/')).length;
  const others = report.written.filter((p) => !p.startsWith('specs/') && !p.startsWith('generated/'));
  io.stdout(report.written.length === 0 ? `asr-contract init: ${where} already holds this contract; nothing to write` : `asr-contract init: wrote ${report.written.length} files into ${where}:`);
  if (specs > 0) io.stdout(`  specs/      ${specs} spec files`);
  if (generated > 0) io.stdout(`  generated/  ${generated} files built from them`);
  for (const p of others) io.stdout(`  ${p}`);
  for (const p of plan.keptSpecs) io.stdout(`  kept your ${p}`);
  for (const n of plan.notes) io.stdout(`  note: ${n}`);
  if (report.written.length > 0) {
    io.stdout('');
    io.stdout('Every asr-contract command run in this repository now uses this copy. Next:');
    io.stdout('  npx asr-contract test     the contract run against the emulator');
    io.stdout('  npx asr-contract build    after editing specs/ (build --watch while you edit)');
    io.stdout('  npx asr-contract diff node_modules/asr-contract .    how your copy differs from the package');
  }
  return 0;
}
