// asr-contract drift: the specs against Tencent's own machine-readable definitions. Exits 1 on any
// difference, so a scheduled CI job can open an issue.
import { parseArgs } from 'node:util';
import { compareReferences, type DriftFinding } from '../drift/compare.js';
import { modelAsReference } from '../drift/reference.js';
import { readSdkDeclarations, ReferenceUnavailable } from '../drift/sdk-declarations.js';
import { readTccliApi } from '../drift/tccli-api.js';
import type { ContractProject } from '../project/resolve.js';
import { compileOrReport } from './compile-or-report.js';
import { UsageError, type Io } from './io.js';

export const DRIFT_USAGE = `Usage: asr-contract drift [--tccli-api PATH] [--format table|json]

Compares specs/ with Tencent's definitions of the ASR API 3.0 actions:
  (default)          the type declarations of the installed tencentcloud-sdk-nodejs-asr package,
                     read with the TypeScript compiler API: actions, fields, required flags, deprecations
  --tccli-api PATH   a tccli api.json (tencentcloud/asr/v20190614/api.json inside the tccli Python package):
                     also integer/number, presence and nullability
Exits 1 when anything differs.`;

const DESCRIBE: Record<DriftFinding['kind'], string> = {
  'action-only-in-reference': 'action missing from specs/',
  'action-only-in-specs': 'action unknown to Tencent',
  'type-only-in-reference': 'type missing from specs/',
  'type-only-in-specs': 'type unknown to Tencent',
  'field-only-in-reference': 'field missing from specs/',
  'field-only-in-specs': 'field unknown to Tencent',
  'required-mismatch': 'required flag differs',
  'presence-mismatch': 'presence differs',
  'nullable-mismatch': 'nullability differs',
  'deprecated-mismatch': 'deprecation differs',
  'type-mismatch': 'type differs',
};

export async function runDrift(argv: string[], io: Io, project: ContractProject): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'tccli-api': { type: 'string' }, format: { type: 'string' } }, strict: true, allowPositionals: false });
  const format = values.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, got "${format}"`);
  const model = compileOrReport(project.root, io);
  if (!model) return 1;
  let reference;
  try {
    const requestId = model.service.envelope.requestId;
    reference = values['tccli-api'] ? readTccliApi(values['tccli-api'], requestId) : await readSdkDeclarations([io.cwd, project.packageRoot], requestId);
  } catch (e) {
    if (e instanceof ReferenceUnavailable) {
      io.stderr(`asr-contract drift: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const findings = compareReferences(modelAsReference(model), reference);
  if (format === 'json') io.stdout(JSON.stringify({ reference: reference.source, findings }, null, 2));
  else if (findings.length === 0) io.stdout(`no drift: specs/ match ${reference.source} (${reference.actions.size} actions)`);
  else {
    const width = Math.max(...findings.map((f) => f.where.length));
    for (const f of findings) io.stdout(`${f.where.padEnd(width)}  ${DESCRIBE[f.kind]}${f.specs !== undefined ? ` (specs: ${f.specs}, Tencent: ${f.reference})` : ''}`);
    io.stdout(`\n${findings.length} difference${findings.length === 1 ? '' : 's'} between specs/ and ${reference.source}`);
  }
  return findings.length > 0 ? 1 : 0;
}
