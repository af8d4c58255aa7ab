// The run report as JSON: what one run (or one shard) leaves for `asr-contract merge-reports`, like
// Playwright's blob report. Read back only after a schema check, so a wrong or hand-edited file is
// one clear line, never a crash or a report built from half a file.
import { createAjv, describeAjvError } from '../model/ajv.js';
import { CHECK_SOURCES, type RunReport } from './model.js';

export const RUN_REPORT_FILE = 'run-report.json';
const FORMAT = 'asr-contract run report';
const VERSION = 1;

const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const SCHEMA = {
  type: 'object',
  required: ['format', 'version', 'title', 'plan', 'durationMs', 'checks'],
  additionalProperties: false,
  properties: {
    format: { const: FORMAT },
    version: { const: VERSION },
    title: text,
    plan: { type: 'array', items: text },
    durationMs: { type: 'number', minimum: 0 },
    startedAt: { type: 'string', format: 'date-time' },
    requests: count,
    about: text,
    shard: { type: 'object', required: ['index', 'total'], additionalProperties: false, properties: { index: { type: 'integer', minimum: 1 }, total: { type: 'integer', minimum: 1 } } },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['suite', 'case', 'name', 'status', 'durationMs', 'source'],
        additionalProperties: false,
        properties: {
          suite: text,
          case: text,
          name: text,
          status: { enum: ['passed', 'failed', 'skipped'] },
          message: text,
          detail: text,
          durationMs: { type: 'number', minimum: 0 },
          source: { enum: [...CHECK_SOURCES] },
        },
      },
    },
  },
};

let validate: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;

export function serializeReport(report: RunReport): string {
  return `${JSON.stringify({ format: FORMAT, version: VERSION, ...report }, null, 2)}\n`;
}

export class ReportFileError extends Error {}

/** The report in `text`, or a ReportFileError saying what is wrong with it (`where` names the file). */
export function parseReport(text: string, where: string): RunReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ReportFileError(`${where} is not JSON: ${(e as Error).message}`);
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== FORMAT) throw new ReportFileError(`${where} is not an asr-contract run report (it has no "format": "${FORMAT}"); point at the folder a run wrote`);
  validate ??= createAjv().compile(SCHEMA);
  if (!validate(data)) throw new ReportFileError(`${where} is not a valid run report: ${(validate.errors ?? []).slice(0, 3).map(describeAjvError).join('; ')}`);
  const { format: _f, version: _v, ...report } = data as RunReport & { format: string; version: number };
  if (report.shard && report.shard.index > report.shard.total) throw new ReportFileError(`${where} says it is shard ${report.shard.index} of ${report.shard.total}`);
  return report;
}
