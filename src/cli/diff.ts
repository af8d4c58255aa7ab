// asr-contract diff <old> [<new>]: what changed in the contract, and whether it breaks clients.
import { parseArgs } from 'node:util';
import { emitAsyncApi } from '../asyncapi/emit.js';
import { classifyChanges } from '../diff/classify.js';
import { DIFF_FORMATS, formatFailure, formatReport, type DiffFormat } from '../diff/format.js';
import { loadVersion, SourceError, type ContractVersion, type EmitDocuments } from '../diff/source.js';
import { emitOpenApi } from '../openapi/emit.js';
import { UsageError, type Io } from './io.js';
import type { ContractProject } from '../project/resolve.js';

export const DIFF_USAGE = `Usage: asr-contract diff <old> [<new>] [--format table|json|markdown] [--breaking-only] [--allow-breaking]

Compares two versions of the contract. Each is a git ref (main, origin/main, HEAD~1, a tag) or a
directory (a checkout with specs/, specs/ itself, or a folder holding generated/openapi.json);
<new> defaults to the working tree of the checkout you are in. A git ref is read from the generated/openapi.json
and generated/asyncapi.yaml committed with it, so refs from before a change to the spec format
still compare.

Every change is breaking, compatible, docs (descriptions, summaries, error messages) or example.
Exits 1 when a change breaks clients (a removed action or field, a type change, a parameter that
becomes required, an enum value removed or a range narrowed, a response field that may become null
or is no longer always present, a new cross-field rule), unless --allow-breaking; 2 when a version
cannot be read (the reason also goes to stdout with --format json or markdown); 0 otherwise.
  --format markdown  a CHANGELOG entry, also fit for a pull-request comment
  --breaking-only    list only the breaking changes`;

/** The two documents a build writes, rendered in memory: how a compiled version is read. */
export const emitDocuments: EmitDocuments = (model) => ({ openapi: emitOpenApi(model), asyncapi: emitAsyncApi(model) });

/**
 * The second side defaults to the working tree of the contract in use (its root, found upward from
 * io.cwd), like git's; git refs are read at that contract's place in its repository.
 */
export function runDiff(argv: string[], io: Io, project: ContractProject): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string' }, 'allow-breaking': { type: 'boolean' }, 'breaking-only': { type: 'boolean' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError('give the old version, and optionally the new one');
  const format = (values.format ?? 'table') as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new UsageError(`--format must be table, json or markdown, got "${values.format}"`);
  const labels = { old: positionals[0]!, new: positionals[1] ?? 'the working tree' };
  let old: ContractVersion;
  let now: ContractVersion;
  try {
    const repo = project.source === 'package' ? io.cwd : project.root;
    old = loadVersion(labels.old, io.cwd, emitDocuments, labels.old, repo);
    now = positionals[1] === undefined ? loadVersion(project.root, io.cwd, emitDocuments, labels.new, repo) : loadVersion(positionals[1], io.cwd, emitDocuments, labels.new, repo);
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    io.stderr(`asr-contract diff: ${e.message}`);
    for (const d of e.details) io.stderr(d);
    if (format !== 'table') io.stdout(formatFailure(e.message, format, labels));
    return 2;
  }
  const all = classifyChanges(old.view, now.view);
  const shown = values['breaking-only'] ? all.filter((c) => c.breaking) : all;
  const report = { old: { label: old.label, version: old.view.version }, new: { label: now.label, version: now.view.version }, changes: shown, hidden: all.length - shown.length };
  io.stdout(formatReport(report, format, all));
  return all.some((c) => c.breaking) && !values['allow-breaking'] ? 1 : 0;
}
