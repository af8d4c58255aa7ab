// What a subcommand may touch, passed in so tests can run commands in-process.

export interface Io {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): Io {
  // `asr-contract … | head -1`: once the reader has gone, there is no one left to tell anything to.
  // End quietly, as other command-line tools do, instead of an EPIPE stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
  };
}

export { PACKAGE_ROOT } from '../package-root.js';

/** A wrong flag or argument: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** A mistake in what the user asked for that is not about flag syntax (a path, a file): one line, exit code 2. */
export class CliError extends Error {}
