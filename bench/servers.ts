// Child-process servers for throughput benchmarks, so the load generator does not share their
// event loop: the emulator on a free port, and its floor (server-child.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  url: string;
  /** emulator-tasks: the emulator time its first group of tasks was created at. */
  firstCreatedAt?: number;
  stop(): Promise<void>;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export function startChildServer(kind: 'emulator' | 'emulator-step0' | 'emulator-tasks' | 'floor', args: string[] = []): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(SERVER_SCRIPT, [kind, ...args], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} server exited early (${code})`)));
    child.once('message', (m: { url: string; firstCreatedAt?: number }) =>
      resolve({
        url: m.url,
        ...(m.firstCreatedAt !== undefined ? { firstCreatedAt: m.firstCreatedAt } : {}),
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      }),
    );
  });
}
