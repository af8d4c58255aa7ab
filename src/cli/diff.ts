// asr-contract diff <old> [<new>]: what changed in the contract, and whether it breaks clients.
import { parseArgs } from 'node:util';
import { classifyChanges } from '../diff/classify.js';
import { formatChanges, type DiffFormat } from '../diff/format.js';
import { loadVersion, SourceError } from '../diff/source.js';
import { UsageError, type Io } from './io.js';

export const DIFF_USAGE = `Usage: asr-contract diff <old> [<new>] [--format table|json|markdown] [--allow-breaking]

Compares two versions of the contract. Each is a git ref (main, v1.2.0, HEAD~1) or a directory
(a project with specs/, or specs/ itself); <new> defaults to this checkout's working tree.
Exits 1 when a change breaks clients (a removed action or field, a type change, a parameter that
becomes required, an enum value removed or a range narrowed, a response field that may become null
or is no longer always present), unless --allow-breaking.`;

export function runDiff(argv: string[], io: Io, root: string): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string' }, 'allow-breaking': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('give the old version, and optionally the new one');
  const format = (values.format ?? 'table') as DiffFormat;
  if (!['table', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be table, json or markdown, got "${values.format}"`);
  let old;
  let now;
  try {
    old = loadVersion(positionals[0]!, io.cwd);
    now = positionals[1] ? loadVersion(positionals[1], io.cwd) : loadVersion(root, io.cwd);
  } catch (e) {
    if (e instanceof SourceError) {
      io.stderr(`asr-contract diff: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const changes = classifyChanges(old.model, now.model);
  io.stdout(formatChanges(changes, format, { old: old.label, new: positionals[1] ?? 'the working tree' }));
  return changes.some((c) => c.breaking) && !values['allow-breaking'] ? 1 : 0;
}
