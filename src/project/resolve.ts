// Which contract a command works on, decided once for every command, the way Vitest and ESLint find
// their config: `--root DIR`; else the nearest folder upward from the current directory that holds
// specs/service.yaml; else the installed package's own contract. Commands get the answer and never
// look for specs/ or generated/ themselves.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** The file that marks a folder as a contract project. */
export const PROJECT_MARKER = join('specs', 'service.yaml');

export type ProjectSource = 'flag' | 'found' | 'package';

export interface ContractProject {
  /** The folder holding specs/ and generated/. */
  root: string;
  /** How it was chosen. */
  source: ProjectSource;
  /** The installed kit's own folder: where its sandbox scripts and dependencies live. Never written to. */
  packageRoot: string;
  /** This contract is the kit's own (its checkout, or the installed package's copy). */
  isKit: boolean;
}

/** `--root` names a folder that is not a contract project. */
export class ProjectError extends Error {}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** The nearest folder at or above `from` that holds specs/service.yaml. */
export function findProjectUpward(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (isFile(join(dir, PROJECT_MARKER))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function resolveProject(cwd: string, rootFlag: string | undefined, packageRoot: string = PACKAGE_ROOT): ContractProject {
  const kit = (root: string): boolean => resolve(root) === resolve(packageRoot);
  if (rootFlag !== undefined) {
    const root = resolve(cwd, rootFlag);
    if (!isDir(root)) throw new ProjectError(`--root ${rootFlag}: ${isFile(root) ? 'that is a file, not a folder' : 'no such folder'}`);
    if (!isFile(join(root, PROJECT_MARKER))) throw new ProjectError(`--root ${rootFlag}: ${root} holds no ${PROJECT_MARKER.split(sep).join('/')}; \`asr-contract init\` makes a contract of your own there`);
    return { root, source: 'flag', packageRoot, isKit: kit(root) };
  }
  const found = findProjectUpward(cwd);
  if (found) return { root: found, source: 'found', packageRoot, isKit: kit(found) };
  return { root: packageRoot, source: 'package', packageRoot, isKit: true };
}

function kitVersion(packageRoot: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/** A path as the user would type it from `cwd`: relative, unless the absolute path is shorter. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path).split(sep).join('/');
  if (rel === '') return '.';
  return rel.length < path.length ? rel : path;
}

/** One phrase naming the contract, e.g. "the contract in ../.. (found upward from here)". */
export function describeProject(project: ContractProject, cwd: string): string {
  const where = displayPath(cwd, project.root);
  switch (project.source) {
    case 'flag':
      return `the contract in ${where} (--root)`;
    case 'found':
      return where === '.' ? 'the contract in this folder' : `the contract in ${where} (found upward from here)`;
    case 'package':
      return `the contract of the installed asr-contract ${kitVersion(project.packageRoot)} in ${where} (no specs/service.yaml here or above; \`asr-contract init\` makes a copy of your own)`.replace('asr-contract  in', 'asr-contract in');
  }
}
