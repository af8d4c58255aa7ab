// asr-contract mock --detach: start the emulator as a background process and return once it answers
// GET /_emulator/health, the way `pg_ctl start -w` does. The child runs the same command without
// --detach; it tells the parent its URL over an IPC channel, then both let go of each other.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HEALTH_PATH } from '../mock/health.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { CliError, type Io } from './io.js';

/** Set in the detached child: it reports its URL to the parent and does not watch for orphaning. */
export const DETACHED_ENV = 'ASR_CONTRACT_MOCK_DETACHED';
const READY_TIMEOUT_MS = 30_000;
export const DEFAULT_LOG = '.asr-mock.log';

/** In the detached child: tell the waiting parent where it listens, then drop the channel. */
export function reportReady(env: NodeJS.ProcessEnv, url: string): void {
  if (!env[DETACHED_ENV] || !process.send) return;
  process.send({ url }, () => process.disconnect?.());
}

/** The command line without --detach and --log (in either `--flag value` or `--flag=value` form). */
function childArgs(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--detach' || a.startsWith('--log=')) continue;
    if (a === '--log') {
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}${HEALTH_PATH}`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200 && ((await res.json()) as { status?: string }).status === 'running';
  } catch {
    return false;
  }
}

const tail = (path: string): string => {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-5).join('\n');
  } catch {
    return '';
  }
};

export async function detach(argv: readonly string[], io: Io, opts: { logFile?: string; pidFile?: string }): Promise<number> {
  // Under the current directory, like everything the kit writes (init lists it in .gitignore).
  const logFile = opts.logFile ?? join(io.cwd, DEFAULT_LOG);
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'mock', ...childArgs(argv)], {
    cwd: io.cwd,
    env: { ...io.env, [DETACHED_ENV]: '1' },
    detached: true,
    stdio: ['ignore', fd, fd, 'ipc'],
  });
  closeSync(fd);
  const outcome = await new Promise<{ url: string } | { exit: number | null }>((resolve) => {
    const timer = setTimeout(() => resolve({ exit: null }), READY_TIMEOUT_MS);
    child.once('message', (m: { url?: string }) => {
      clearTimeout(timer);
      resolve({ url: String(m.url) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ exit: code });
    });
  });
  if (!('url' in outcome)) {
    if (outcome.exit === null) child.kill('SIGTERM');
    const last = tail(logFile);
    // Its last lines are in the message; a log nobody asked for is not left behind.
    if (!opts.logFile) rmSync(logFile, { force: true });
    throw new CliError(`the emulator ${outcome.exit === null ? `did not get ready within ${READY_TIMEOUT_MS / 1000} s` : `exited with code ${outcome.exit} before it was ready`}${last ? `:\n${last}` : ''}`);
  }
  // The child said it listens; the health check is the contract scripts rely on, so prove it.
  if (!(await healthy(outcome.url))) {
    child.kill('SIGTERM');
    throw new CliError(`the emulator started at ${outcome.url} but ${HEALTH_PATH} did not answer; stopped it`);
  }
  if (child.connected) child.disconnect();
  child.unref();
  io.stdout(`asr-contract mock listening on ${outcome.url} in the background (pid ${child.pid}); stop it with: kill ${child.pid}`);
  io.stdout(`  output goes to ${logFile}${opts.pidFile ? `; its pid is in ${opts.pidFile}` : ''}`);
  return 0;
}
