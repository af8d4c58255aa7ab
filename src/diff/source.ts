// A version of the contract to compare, read as its compiled documents:
//  - a git ref: the generated/openapi.json and generated/asyncapi.yaml committed with it (`git show`,
//    the checkout is not touched). They are what that version published, in formats (OpenAPI 3.1,
//    AsyncAPI 3.0) that do not change when the spec format does. A ref without them falls back to
//    compiling its specs/ with this version of the compiler.
//  - a directory: its specs/ compiled now (a checkout), or else its generated/ documents.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compileSpecTexts } from '../model/compile.js';
import type { Model } from '../model/types.js';
import { OUTPUT_FILES } from '../output-paths.js';
import { formatDiagnostic } from '../spec/diagnostics.js';
import { readSpecTree, type SpecText } from '../spec/load.js';
import { addAsyncApi } from './read-asyncapi.js';
import { readOpenApi } from './read-openapi.js';
import type { ContractView } from './view.js';

/** Why a version could not be read: one line, plus the diagnostics behind it when there are any. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface ContractDocuments {
  openapi: unknown;
  asyncapi?: unknown;
}

/** Renders a compiled model as the documents a build would write; supplied by the caller (cli/). */
export type EmitDocuments = (model: Model) => ContractDocuments;

export interface ContractVersion {
  label: string;
  view: ContractView;
  /** Where the documents came from, e.g. `generated/ at HEAD~3` or `specs/ compiled`. */
  origin: string;
}

export function viewOf(docs: ContractDocuments): ContractView {
  const view = readOpenApi(docs.openapi);
  if (docs.asyncapi !== undefined) addAsyncApi(view, docs.asyncapi);
  return view;
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function compiled(texts: SpecText[], emit: EmitDocuments, what: string): ContractView {
  const { model, diagnostics } = compileSpecTexts(texts);
  if (model) return viewOf(emit(model));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0] ? `; the first: ${formatDiagnostic(errors[0]).split('\n')[0]}` : '';
  throw new SourceError(`${what} (${errors.length} error${errors.length === 1 ? '' : 's'}${first})`, errors.slice(0, 10).map(formatDiagnostic));
}

function parsed(text: string, path: string, where: string): unknown {
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new SourceError(`${path} ${where} cannot be read: ${(e as Error).message.split('\n')[0]}`);
  }
}

function fromGitRef(ref: string, repo: string, emit: EmitDocuments): { view: ContractView; origin: string } {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repo);
  } catch {
    throw new SourceError(`"${ref}" is neither a directory nor a git ref of ${repo}`);
  }
  const prefix = git(['rev-parse', '--show-prefix'], repo).trim();
  const listed = (path: string): string[] => git(['ls-tree', '-r', '--name-only', ref, '--', `${prefix}${path}`], repo).split('\n').filter(Boolean);
  const show = (path: string): string => git(['show', `${ref}:${prefix}${path}`], repo);
  if (listed(OUTPUT_FILES.openapiJson).length > 0) {
    const at = `at ${ref}`;
    const openapi = parsed(show(OUTPUT_FILES.openapiJson), OUTPUT_FILES.openapiJson, at);
    const asyncapi = listed(OUTPUT_FILES.asyncapi).length > 0 ? parsed(show(OUTPUT_FILES.asyncapi), OUTPUT_FILES.asyncapi, at) : undefined;
    return { view: viewOf({ openapi, asyncapi }), origin: `generated/ ${at}` };
  }
  const files = listed('specs/').filter((f) => /\.ya?ml$/.test(f));
  if (files.length === 0) throw new SourceError(`${ref} has neither ${prefix}${OUTPUT_FILES.openapiJson} nor a ${prefix}specs/ directory`);
  const texts = files.map((f) => ({ path: f.slice(prefix.length), text: git(['show', `${ref}:${f}`], repo) }));
  return { view: compiled(texts, emit, `${ref} has no ${OUTPUT_FILES.openapiJson}, and its specs/ do not compile with this version of asr-contract`), origin: `specs/ at ${ref}, compiled` };
}

function fromDirectory(dir: string, arg: string, emit: EmitDocuments): { view: ContractView; origin: string } {
  const specs = existsSync(join(dir, 'specs', 'service.yaml')) ? join(dir, 'specs') : basename(dir) === 'specs' && existsSync(join(dir, 'service.yaml')) ? dir : undefined;
  if (specs) return { view: compiled(readSpecTree(specs, dirname(specs)), emit, `the contract at ${arg} does not compile`), origin: `${join(arg, 'specs')}, compiled` };
  const openapi = join(dir, OUTPUT_FILES.openapiJson);
  if (existsSync(openapi)) {
    const asyncapi = join(dir, OUTPUT_FILES.asyncapi);
    const at = `in ${arg}`;
    return {
      view: viewOf({ openapi: parsed(readFileSync(openapi, 'utf8'), OUTPUT_FILES.openapiJson, at), asyncapi: existsSync(asyncapi) ? parsed(readFileSync(asyncapi, 'utf8'), OUTPUT_FILES.asyncapi, at) : undefined }),
      origin: `generated/ ${at}`,
    };
  }
  throw new SourceError(`${arg} holds no contract: expected ${join(arg, 'specs', 'service.yaml')}, a specs/ directory or ${join(arg, OUTPUT_FILES.openapiJson)}`);
}

/**
 * `arg` is a directory (relative to `cwd`) when one exists by that name, else a git ref, read from
 * the folder `repo` (the contract's root, which may sit above `cwd`) of its repository.
 */
export function loadVersion(arg: string, cwd: string, emit: EmitDocuments, label = arg, repo = cwd): ContractVersion {
  const path = resolve(cwd, arg);
  const isDir = existsSync(path) && statSync(path).isDirectory();
  const { view, origin } = isDir ? fromDirectory(path, arg, emit) : fromGitRef(arg, repo, emit);
  return { label, view, origin };
}
