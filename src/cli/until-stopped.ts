// How a long-running command (mock, build --watch) learns it should stop: Ctrl-C (SIGINT), SIGTERM,
// an abort signal (tests), or its parent process going away. The last matters because `npx` and
// shells can be killed without passing the signal on: an orphan re-parented to PID 1 would run on
// with nobody left to stop it.

const PARENT_CHECK_MS = 500;

export interface StopWatch {
  /** Resolves with why the command should stop. */
  stopped: Promise<string>;
  /** Stops listening (signal handlers, the parent check); call once the reason is known or the start failed. */
  release: () => void;
}

export function untilStopped(options: { signal?: AbortSignal; watchParent: boolean }): StopWatch {
  const parent = process.ppid;
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
      timer = setInterval(() => process.ppid !== parent && resolve(`its parent process ${parent} exited`), PARENT_CHECK_MS);
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
