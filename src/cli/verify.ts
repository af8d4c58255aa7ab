// asr-contract verify FILE.har: the contract proxy's verdicts, offline, over a HAR file.
import { parseArgs } from 'node:util';
import { checkContext } from '../proxy/context.js';
import { HarInputError, readHarEntries } from '../proxy/har-read.js';
import { writeRunReport } from '../proxy/report-files.js';
import { ExchangeSession } from '../proxy/session.js';
import { verifyEntries } from '../proxy/verify-har.js';
import { displayPath, type ContractProject } from '../project/resolve.js';
import { compileOrReport } from './compile-or-report.js';
import { documentsOrFail } from './contract-documents.js';
import { CliError, UsageError, type Io } from './io.js';
import { inputFile, outputDir } from './paths.js';

export const VERIFY_USAGE = `Usage: asr-contract verify FILE.har [--out DIR]

Checks the ASR exchanges in a HAR file as the contract proxy checks live ones: the request against the
contract, its signature (when the key is here: the local pair or TENCENTCLOUD_*), and the answer as
the contract tests do. Each entry is judged at the time it was sent. The HAR may come from
\`asr-contract proxy --record\`, a browser's devtools ("Save all as HAR"), a debugging proxy or Postman.
The contract suite's own signing probes are expected refusals, as in the proxy.
Entries that are not ASR traffic are counted and skipped. It prints one line per violation (time,
action, RequestId, JSON pointer, rule), then the counts.
  --out DIR   also write the reports there: run-report.json, junit.xml, report.html, summary.md, ctrf.json

Exit codes: 0 no exchange breaks the contract, 1 some do, 2 the file is not a HAR file (or too large).`;

export async function runVerify(argv: string[], io: Io, project: ContractProject): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: true, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('name one HAR file: asr-contract verify FILE.har');
  const path = inputFile(io.cwd, positionals[0]!, 'verify');
  const out = values.out === undefined ? undefined : outputDir(io.cwd, values.out, '--out');
  let entries: unknown[];
  try {
    entries = readHarEntries(path, positionals[0]!);
  } catch (e) {
    if (e instanceof HarInputError) throw new CliError(e.message);
    throw e;
  }
  const model = compileOrReport(project.root, io);
  if (!model) return 1;
  const documents = documentsOrFail(project.root);
  const ctx = checkContext(model, documents, io.env);
  const session = new ExchangeSession(`ASR contract verify ${displayPath(io.cwd, path)}`, [`  ${displayPath(io.cwd, path)}: ${entries.length} entries`], io.stdout, (t) => ctx.redactor.text(t));
  const counts = await verifyEntries(entries, ctx, session);
  const skipped = [...counts.skipped.values()].reduce((a, b) => a + b, 0);
  const why = [...counts.skipped].map(([reason, n]) => `${n} ${reason}`).join(', ');
  for (const line of session.summary([`${skipped} of ${entries.length} entries are not ASR traffic and were skipped${skipped ? ` (${why})` : ''}`])) io.stdout(line);
  if (out) io.stdout(`report: ${writeRunReport(out, session.report()).join(', ')}`);
  return session.violations > 0 ? 1 : 0;
}
