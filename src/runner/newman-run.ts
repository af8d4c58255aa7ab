// newman's programmatic API, promised. newman runs the collection and, when asked, writes its own
// JSON (newman.json) and prints its own line per request (`cli`); every other report is rendered from
// the run's RunReport (src/report/), so that all of them tell the same counts.
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import { loadNewman } from './load-newman.js';
import type { Redact } from '../report/redact.js';

/** newman's own reporters that a contract run can turn on. */
export type NewmanReporter = 'cli' | 'json';

export const NEWMAN_JSON_FILE = 'newman.json';

/**
 * newman's cli reporter writes to process.stdout itself, so its lines are masked on their way out,
 * a whole line at a time (a value is never split across two writes of one line).
 */
function maskStdout(redact: Redact): () => void {
  const write = process.stdout.write.bind(process.stdout);
  let pending = '';
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const end = pending.lastIndexOf('\n');
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    if (end >= 0) {
      const lines = pending.slice(0, end + 1);
      pending = pending.slice(end + 1);
      return write(redact(lines), callback);
    }
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = write;
    if (pending) write(redact(pending));
  };
}

export function runNewman(options: {
  collection: Record<string, unknown>;
  environment: Record<string, unknown>;
  reporters: readonly NewmanReporter[];
  out: string;
  bail: boolean;
  /** Where file bodies (the flash audio fixture) are found: the project root. */
  workingDir: string;
  /** Masks credentials in what the cli reporter prints. */
  redact: Redact;
  /** Gets the run's event emitter before the first request (the progress view and timers listen to it). */
  onStart?: (run: EventEmitter) => void;
}): Promise<NewmanRunSummary> {
  const run: NewmanRunOptions = {
    collection: options.collection as never,
    environment: options.environment as never,
    reporters: [...options.reporters],
    reporter: { json: { export: join(options.out, NEWMAN_JSON_FILE) } },
    bail: options.bail,
    timeoutRequest: 60_000,
    workingDir: options.workingDir,
    insecureFileRead: false,
  };
  const restore = options.reporters.includes('cli') ? maskStdout(options.redact) : () => {};
  return new Promise<NewmanRunSummary>((resolve, reject) => {
    const emitter = loadNewman().run(run, (err, summary) => (err ? reject(err) : resolve(summary)));
    options.onStart?.(emitter);
  }).finally(restore);
}
