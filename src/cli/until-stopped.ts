// How a long-running command (mock, build --watch) learns it should stop: Ctrl-C (SIGINT), SIGTERM,
// an abort signal (tests), or the process that launched it going away. The last matters because `npx`
// and shells can be killed without passing the signal on: an orphan re-parented to PID 1 would run on
// with nobody left to stop it.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const PARENT_CHECK_MS = 500;
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh']);

/** A process's parent and command line, from /proc (Linux); undefined where there is no /proc. */
function proc(pid: number): { ppid: number; argv: string[] } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { ppid, argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) };
  } catch {
    return undefined;
  }
}

/**
 * The processes whose exit means nobody is left to stop this one: the parent, and when the parent is
 * only a `sh -c` wrapper (what `npx` and `npm run` start a bin through), the process behind it too.
 * Killing npx orphans the wrapper shell, not this process, whose parent stays alive.
 */
export function launchers(): number[] {
  const chain = [process.ppid];
  const parent = proc(process.ppid);
  if (parent && SHELLS.has(basename(parent.argv[0] ?? '')) && parent.argv.includes('-c') && parent.ppid > 1) chain.push(parent.ppid);
  return chain;
}

const gone = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

export interface StopWatch {
  /** Resolves with why the command should stop. */
  stopped: Promise<string>;
  /** Stops listening (signal handlers, the parent check); call once the reason is known or the start failed. */
  release: () => void;
}

export function untilStopped(options: { signal?: AbortSignal; watchParent: boolean }): StopWatch {
  const parent = process.ppid;
  const watched = options.watchParent ? launchers() : [];
  let timer: NodeJS.Timeout | undefined;
  const handlers: [NodeJS.Signals, () => void][] = [];
  const stopped = new Promise<string>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      const stop = (): void => resolve(sig);
      handlers.push([sig, stop]);
      process.once(sig, stop);
    }
    if (options.signal?.aborted) resolve('stopped');
    options.signal?.addEventListener('abort', () => resolve('stopped'), { once: true });
    if (options.watchParent) {
      timer = setInterval(() => {
        const exited = process.ppid !== parent ? parent : watched.find(gone);
        if (exited !== undefined) resolve(`the process that started it (${exited}) exited`);
      }, PARENT_CHECK_MS);
      timer.unref();
    }
  });
  return {
    stopped,
    release: () => {
      clearInterval(timer);
      for (const [sig, stop] of handlers) process.off(sig, stop);
    },
  };
}
