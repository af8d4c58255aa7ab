// newman's programmatic API, promised. Reporter options name the files the caller asked for;
// `progress` is this project's own console view (progress.ts), the others are newman's reporters.
import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { NewmanRunOptions, NewmanRunSummary } from 'newman';
import { loadNewman } from './load-newman.js';

export const REPORTERS = ['progress', 'cli', 'junit', 'json', 'htmlextra'] as const;
export type ReporterName = (typeof REPORTERS)[number];
type FileReporter = Exclude<ReporterName, 'cli' | 'progress'>;

export const REPORT_FILES: Record<FileReporter, string> = {
  junit: 'junit.xml',
  json: 'newman.json',
  htmlextra: 'report.html',
};

const isFileReporter = (r: ReporterName): r is FileReporter => r in REPORT_FILES;

export function reportPaths(out: string, reporters: readonly ReporterName[]): string[] {
  return reporters.filter(isFileReporter).map((r) => join(out, REPORT_FILES[r]));
}

export function runNewman(options: {
  collection: Record<string, unknown>;
  environment: Record<string, unknown>;
  reporters: readonly ReporterName[];
  out: string;
  bail: boolean;
  title: string;
  /** Where file bodies (the flash audio fixture) are found: the project root. */
  workingDir: string;
  /** Gets the run's event emitter before the first request (the progress view listens to it). */
  onStart?: (run: EventEmitter) => void;
}): Promise<NewmanRunSummary> {
  const reporter: Record<string, unknown> = {
    junit: { export: join(options.out, REPORT_FILES.junit) },
    json: { export: join(options.out, REPORT_FILES.json) },
    htmlextra: { export: join(options.out, REPORT_FILES.htmlextra), title: options.title, browserTitle: options.title, skipEnvironmentVars: ['secretKey', 'token'], skipGlobalVars: [] },
  };
  const run: NewmanRunOptions = {
    collection: options.collection as never,
    environment: options.environment as never,
    reporters: options.reporters.filter((r) => r !== 'progress'),
    reporter,
    bail: options.bail,
    timeoutRequest: 60_000,
    workingDir: options.workingDir,
    insecureFileRead: false,
  };
  return new Promise((resolve, reject) => {
    const emitter = loadNewman().run(run, (err, summary) => (err ? reject(err) : resolve(summary)));
    options.onStart?.(emitter);
  });
}
