// What `asr-contract init` would write into a team's repository, worked out in memory before anything
// is written: the contract's specs/, its built generated/, npm scripts, a CI workflow and .gitignore
// lines. Every clash with what is already there is listed, so init can refuse as a whole or, with
// --force, replace as a whole; it never leaves half a contract behind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSpecTexts } from '../model/compile.js';
import { renderOutputs, type OutputContent } from '../outputs.js';
import { readSpecTree, type SpecText } from '../spec/load.js';
import type { Diagnostic } from '../spec/diagnostics.js';

/** The npm scripts init adds; the names are the ones the guides use. */
export const INIT_SCRIPTS: Readonly<Record<string, string>> = {
  contract: 'asr-contract test',
  'contract:build': 'asr-contract build',
  'contract:check': 'asr-contract build --check',
  'contract:mock': 'asr-contract mock',
};

export const WORKFLOW_FILE = '.github/workflows/asr-contract.yml';

/** What a contract run and the emulator leave behind, and the docs page. */
export const GITIGNORE_LINES = ['reports/', 'generated/docs/', '.asr-mock.pid', '.asr-mock.log', '.asr-state.json', '.asr-state.json.lock'] as const;

export interface InitPlan {
  /** Path (relative to the target, forward slashes) → exact content. */
  files: Map<string, OutputContent>;
  /** One line per thing that exists and would be replaced. */
  clashes: string[];
  /** Spec files the target has and the package does not: kept as they are. */
  keptSpecs: string[];
  /** Why no package.json scripts are in `files`, when they are not. */
  notes: string[];
  diagnostics: Diagnostic[];
}

const same = (now: Buffer | undefined, content: OutputContent): boolean => now !== undefined && now.equals(typeof content === 'string' ? Buffer.from(content) : content);

/** `read(path)` gives a file of the target (relative path) or undefined. */
export function planInit(packageRoot: string, target: { specs: readonly SpecText[]; read: (path: string) => Buffer | undefined }): InitPlan {
  const files = new Map<string, OutputContent>();
  const clashes: string[] = [];
  const notes: string[] = [];

  const stock = readSpecTree(join(packageRoot, 'specs'), packageRoot);
  const stockPaths = new Set(stock.map((s) => s.path));
  const theirs = new Map(target.specs.map((s) => [s.path, s.text]));
  const changed = stock.filter((s) => theirs.has(s.path) && theirs.get(s.path) !== s.text).map((s) => s.path);
  if (changed.length > 0) clashes.push(`specs/ holds ${changed.length} file${changed.length === 1 ? '' : 's'} that differ from the package's (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''})`);
  const keptSpecs = target.specs.filter((s) => !stockPaths.has(s.path)).map((s) => s.path);
  for (const s of stock) files.set(s.path, s.text);

  // generated/ is built from the specs the target will hold: the package's, plus any of its own.
  const compiled = compileSpecTexts([...stock, ...target.specs.filter((s) => !stockPaths.has(s.path))].sort((a, b) => (a.path < b.path ? -1 : 1)));
  if (!compiled.model) return { files: new Map(), clashes, keptSpecs, notes, diagnostics: compiled.diagnostics };
  for (const [path, content] of renderOutputs(compiled.model, { kitDocs: false })) {
    const now = target.read(path);
    if (now !== undefined && !same(now, content) && !clashes.some((c) => c.startsWith('generated/'))) clashes.push('generated/ holds files that differ from a fresh build');
    files.set(path, content);
  }

  const workflow = readFileSync(join(packageRoot, 'src/init/templates/asr-contract.yml'), 'utf8');
  const existingWorkflow = target.read(WORKFLOW_FILE);
  if (existingWorkflow !== undefined && !same(existingWorkflow, workflow)) clashes.push(`${WORKFLOW_FILE} exists`);
  files.set(WORKFLOW_FILE, workflow);

  const pkgText = target.read('package.json')?.toString('utf8');
  if (pkgText === undefined) notes.push('no package.json here, so no npm scripts were added (`npm init -y`, then run init again)');
  else {
    const merged = withScripts(pkgText, clashes);
    if (merged === undefined) notes.push('package.json is not a JSON object, so no npm scripts were added');
    else if (merged !== pkgText) files.set('package.json', merged);
  }

  const ignore = target.read('.gitignore')?.toString('utf8') ?? '';
  const present = new Set(ignore.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE_LINES.filter((l) => !present.has(l));
  if (missing.length > 0) files.set('.gitignore', `${ignore}${ignore === '' || ignore.endsWith('\n') ? '' : '\n'}${ignore === '' ? '' : '\n'}# asr-contract\n${missing.join('\n')}\n`);

  // Files whose content is already what init would write are left alone and not reported.
  for (const [path, content] of [...files]) if (same(target.read(path), content)) files.delete(path);
  return { files, clashes, keptSpecs, notes, diagnostics: compiled.diagnostics };
}

/** package.json with the scripts added, its own indentation kept; a script of another value is a clash. */
function withScripts(text: string, clashes: string[]): string | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) return undefined;
  const obj = pkg as Record<string, unknown>;
  const scripts = (obj.scripts && typeof obj.scripts === 'object' ? obj.scripts : {}) as Record<string, string>;
  let changed = false;
  for (const [name, command] of Object.entries(INIT_SCRIPTS)) {
    if (scripts[name] === command) continue;
    if (scripts[name] !== undefined) clashes.push(`package.json already has the script "${name}": ${JSON.stringify(scripts[name])}`);
    scripts[name] = command;
    changed = true;
  }
  if (!changed) return text;
  obj.scripts = scripts;
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  return `${JSON.stringify(obj, null, indent)}${text.endsWith('\n') ? '\n' : ''}`;
}
