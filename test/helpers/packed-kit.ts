// The kit as a team gets it: packed with `npm pack` and installed into a new project outside this
// checkout. Installs prefer npm's cache (the packages `npm ci` already fetched), so a run needs the
// registry only for metadata it has not seen.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

/** npm's settings for every install a test makes: quiet, cache first. */
export const NPM_ENV: Record<string, string> = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'warn' };

/** The environment a user's shell has: no credentials, npm set as above. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...NPM_ENV };
  for (const k of Object.keys(env)) if (k.startsWith('TENCENTCLOUD_') || k.startsWith('VITEST') || k === 'NODE_OPTIONS') delete env[k];
  return { ...env, ...extra };
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = userEnv(), timeoutMs = 240_000): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`.slice(-4000));
  return r.stdout;
}

/** `npm pack` of this checkout into `dir`; the tarball's path. */
export function packKit(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const out = run('npm', ['pack', '--pack-destination', dir, '--json'], PACKAGE_ROOT);
  const [{ filename }] = JSON.parse(out.slice(out.indexOf('['))) as [{ filename: string }];
  return join(dir, filename);
}

/** A new npm project at `dir` (`npm init -y`). */
export function newProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  run('npm', ['init', '-y'], dir);
}

/**
 * A copy of a project, so each use starts from the same state. node_modules is hard-linked (`cp -al`),
 * which takes a moment instead of copying 130 MB: npm replaces files rather than writing into them, and
 * the tests check that nothing writes inside the kit's own folder at all.
 */
export function copyProject(from: string, to: string): string {
  cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => src !== join(from, 'node_modules') });
  if (existsSync(join(from, 'node_modules'))) run('cp', ['-al', join(from, 'node_modules'), join(to, 'node_modules')], to);
  return to;
}

/** A hash of every file and link under `dir`: proof that nothing was written inside it. */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = join(dir, rel, name);
      const st = lstatSync(path);
      hash.update(`${rel}/${name}\0`);
      if (st.isSymbolicLink()) hash.update(readlinkSync(path));
      else if (st.isDirectory()) walk(`${rel}/${name}`);
      else hash.update(readFileSync(path));
    }
  };
  walk('');
  return hash.digest('hex');
}

/** Writes a file into a project (creating its folder). */
export function writeInto(dir: string, path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
}

export const hasFile = (dir: string, path: string): boolean => existsSync(join(dir, path));

/** The TypeScript compiler of this checkout, run in a project (which need not have it installed). */
export function tsc(dir: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'node_modules/typescript/bin/tsc'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

export const gitHead = (): string => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }).trim();
