// newman's programmatic API, promised. Reporter options name the files the caller asked for.
import { join } from 'node:path';
import newman, { type NewmanRunOptions, type NewmanRunSummary } from 'newman';

export const REPORTERS = ['cli', 'junit', 'json', 'htmlextra'] as const;
export type ReporterName = (typeof REPORTERS)[number];

export const REPORT_FILES: Record<Exclude<ReporterName, 'cli'>, string> = {
  junit: 'junit.xml',
  json: 'newman.json',
  htmlextra: 'report.html',
};

export function reportPaths(out: string, reporters: readonly ReporterName[]): string[] {
  return reporters.filter((r): r is Exclude<ReporterName, 'cli'> => r !== 'cli').map((r) => join(out, REPORT_FILES[r]));
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
}): Promise<NewmanRunSummary> {
  const reporter: Record<string, unknown> = {
    junit: { export: join(options.out, REPORT_FILES.junit) },
    json: { export: join(options.out, REPORT_FILES.json) },
    htmlextra: { export: join(options.out, REPORT_FILES.htmlextra), title: options.title, browserTitle: options.title, skipEnvironmentVars: ['secretKey', 'token'], skipGlobalVars: [] },
  };
  const run: NewmanRunOptions = {
    collection: options.collection as never,
    environment: options.environment as never,
    reporters: [...options.reporters],
    reporter,
    bail: options.bail,
    timeoutRequest: 60_000,
    workingDir: options.workingDir,
    insecureFileRead: false,
  };
  return new Promise((resolve, reject) => newman.run(run, (err, summary) => (err ? reject(err) : resolve(summary))));
}
