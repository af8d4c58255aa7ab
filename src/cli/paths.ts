// Paths from flags, checked before a command does any work, so a mistake is one line (exit 2) and
// never a stack trace or a stray file. Nothing here creates anything: commands write atomically later.
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError } from './io.js';

function stat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor must be a writable directory, or the path cannot be created. */
function creatable(path: string, flag: string, value: string): void {
  let dir = dirname(path);
  while (!stat(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const s = stat(dir);
  if (!s?.isDirectory()) throw new CliError(`${flag} ${value}: ${dir} is a file, so nothing can be created under it`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new CliError(`${flag} ${value}: ${dir} is not writable`);
  }
}

/** A directory to write reports into: existing, or creatable. */
export function outputDir(cwd: string, value: string, flag: string): string {
  const path = resolve(cwd, value);
  const s = stat(path);
  if (s && !s.isDirectory()) throw new CliError(`${flag} ${value}: that is a file, not a folder`);
  if (s) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new CliError(`${flag} ${value}: the folder is not writable`);
    }
  } else creatable(path, flag, value);
  return path;
}

/** A file to write: an existing folder gets `defaultName` inside it; otherwise the file's folder must be creatable. */
export function outputFile(cwd: string, value: string, flag: string, defaultName: string): string {
  const path = resolve(cwd, value);
  const s = stat(path);
  if (s?.isDirectory()) return outputFile(path, defaultName, flag, defaultName);
  if (s && !s.isFile()) throw new CliError(`${flag} ${value}: not a regular file`);
  if (value.endsWith('/')) return outputFile(cwd, join(value, defaultName), flag, defaultName);
  creatable(path, flag, value);
  if (s) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new CliError(`${flag} ${value}: the file is not writable`);
    }
  }
  return path;
}

/** A file the command keeps writing (the emulator's --state): a regular file or none yet, in an existing writable folder. */
export function stateFile(cwd: string, value: string, flag: string): string {
  const path = resolve(cwd, value);
  const s = stat(path);
  if (s && !s.isFile()) throw new CliError(`${flag} ${value}: that is a folder, not a file`);
  const dir = stat(dirname(path));
  if (!dir) throw new CliError(`${flag} ${value}: the folder ${dirname(path)} does not exist`);
  if (!dir.isDirectory()) throw new CliError(`${flag} ${value}: ${dirname(path)} is a file, not a folder`);
  try {
    accessSync(dirname(path), constants.W_OK);
    if (s) accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new CliError(`${flag} ${value}: ${s ? 'the file' : `the folder ${dirname(path)}`} is not writable`);
  }
  return path;
}

/** An existing file to read. */
export function inputFile(cwd: string, value: string, flag: string): string {
  const path = resolve(cwd, value);
  const s = stat(path);
  if (!s) throw new CliError(`${flag} ${value}: no such file`);
  if (!s.isFile()) throw new CliError(`${flag} ${value}: that is a folder, not a file`);
  return path;
}
