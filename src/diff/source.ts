// A version of the contract to compare: a directory (a project with specs/, or specs/ itself) or a
// git ref, read with `git show` without touching the working tree.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { compileSpecTexts } from '../model/compile.js';
import type { Model } from '../model/types.js';
import { formatDiagnostic } from '../spec/diagnostics.js';
import { readSpecTree, type SpecText } from '../spec/load.js';

export class SourceError extends Error {}

export interface ContractVersion {
  label: string;
  model: Model;
}

function fromDirectory(dir: string, path: string): SpecText[] {
  if (existsSync(join(dir, 'specs', 'service.yaml'))) return readSpecTree(join(dir, 'specs'), dir);
  if (basename(dir) === 'specs' && existsSync(join(dir, 'service.yaml'))) return readSpecTree(dir, dirname(dir));
  throw new SourceError(`${path} holds no contract: expected ${join(path, 'specs', 'service.yaml')} or a specs/ directory`);
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function fromGitRef(ref: string, repo: string): SpecText[] {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repo);
  } catch {
    throw new SourceError(`"${ref}" is neither a directory nor a git ref of ${repo}`);
  }
  const prefix = git(['rev-parse', '--show-prefix'], repo).trim();
  const files = git(['ls-tree', '-r', '--name-only', ref, '--', `${prefix}specs/`], repo)
    .split('\n')
    .filter((f) => /\.ya?ml$/.test(f));
  if (files.length === 0) throw new SourceError(`${ref} has no ${prefix}specs/ directory`);
  return files.map((f) => ({ path: f.slice(prefix.length), text: git(['show', `${ref}:${f}`], repo) }));
}

/** `arg` is a directory (relative to `cwd`) when one exists by that name, else a git ref of the repository at `cwd`. */
export function loadVersion(arg: string, cwd: string): ContractVersion {
  const path = resolve(cwd, arg);
  const isDir = existsSync(path) && statSync(path).isDirectory();
  const texts = isDir ? fromDirectory(path, arg) : fromGitRef(arg, cwd);
  const { model, diagnostics } = compileSpecTexts(texts);
  if (!model) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new SourceError(`the contract at ${arg} does not compile (${errors.length} errors):\n${errors.slice(0, 10).map(formatDiagnostic).join('\n')}`);
  }
  return { label: arg, model };
}
