// asr-contract docs: one self-contained HTML page (generated/docs/index.html), viewable offline,
// rendered by Redocly's build-docs from the OpenAPI document and the AsyncAPI channels.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { docsRedoclyConfig } from '../docs/code-sample-languages.js';
import { docsDocument } from '../docs/document.js';
import { inlineRemoteAssets } from '../docs/offline.js';
import { GENERATED_DIR } from '../output-paths.js';
import type { ContractProject } from '../project/resolve.js';
import { compileOrReport } from './compile-or-report.js';
import type { Io } from './io.js';
import { outputFile } from './paths.js';

export const DOCS_FILE = `${GENERATED_DIR}/docs/index.html`;

export const DOCS_USAGE = `Usage: asr-contract docs [--out FILE|DIR]

Writes one self-contained HTML reference (default ${DOCS_FILE}, under the current directory): every action grouped by product
area, the signing schemes, error codes, examples, flash recognition and the WebSocket channels.
  --out FILE  where the page goes; an existing folder (or a path ending in /) gets index.html inside`;

export function runDocs(argv: string[], io: Io, project: ContractProject): number {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string' } }, strict: true, allowPositionals: false });
  // An existing folder gets index.html inside it, as `-o DIR` does in most site generators.
  // Relative to the current directory, like every output: never inside the installed package.
  const target = outputFile(io.cwd, values.out ?? DOCS_FILE, '--out', 'index.html');
  const model = compileOrReport(project.root, io);
  if (!model) return 1;
  const work = mkdtempSync(join(tmpdir(), 'asr-docs-'));
  try {
    const input = join(work, 'openapi.json');
    const config = join(work, 'redocly.yaml');
    const doc = docsDocument(model);
    writeFileSync(input, JSON.stringify(doc));
    writeFileSync(config, docsRedoclyConfig(doc));
    const cli = createRequire(join(project.packageRoot, 'package.json')).resolve('@redocly/cli/bin/cli.js');
    // Rendered next to the target and renamed into place: a failed build never leaves half a page.
    mkdirSync(dirname(target), { recursive: true });
    const staged = `${target}.${process.pid}.tmp`;
    const title = `${model.service.name} (${model.service.nameZh}) API ${model.service.version}`;
    const r = spawnSync(process.execPath, [cli, 'build-docs', input, '--config', config, '--inlineBundle', '-o', staged, '--title', title], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    });
    if (r.status !== 0) {
      rmSync(staged, { force: true });
      io.stderr(`asr-contract docs: Redocly build-docs failed:\n${r.stderr || r.stdout}`);
      return 1;
    }
    try {
      writeFileSync(staged, inlineRemoteAssets(readFileSync(staged, 'utf8')));
      renameSync(staged, target);
    } finally {
      rmSync(staged, { force: true });
    }
    io.stdout(`wrote ${target} (${model.actions.length} actions, ${model.endpoints.length} HTTP endpoint, ${model.channels.length} WebSocket channels)`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
