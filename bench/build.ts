// asr-contract build against Portman turning the same OpenAPI document into a collection.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/cli/io.js';
import { compileSpecDir } from '../src/model/compile.js';
import { OUTPUT_FILES, renderOutputs } from '../src/outputs.js';
import { fmt, median, row, timeProcess, timeRuns } from './measure.js';

const RUNS = 5;

export async function benchBuild(): Promise<void> {
  console.log('\nbuild: asr-contract build vs Portman (OpenAPI → Postman collection)');
  const work = mkdtempSync(join(tmpdir(), 'asr-bench-build-'));
  try {
    cpSync(join(PACKAGE_ROOT, 'specs'), join(work, 'specs'), { recursive: true });
    const ours = median(Array.from({ length: RUNS }, () => timeProcess(process.execPath, [join(PACKAGE_ROOT, 'bin/asr-contract.js'), 'build', '--root', work], PACKAGE_ROOT)));
    const warm = median(await timeRuns(RUNS, () => renderOutputs(compileSpecDir(work).model!)));
    row(`asr-contract build, whole CLI process (median of ${RUNS})`, fmt(ours));
    row(`compile + render in process, warm (median of ${RUNS})`, fmt(warm));

    const portmanBin = join(PACKAGE_ROOT, 'node_modules/@apideck/portman/bin/portman');
    if (!existsSync(portmanBin)) {
      row('Portman', 'not installed (npm i -D @apideck/portman) — no ratio');
      return;
    }
    const openapi = join(PACKAGE_ROOT, OUTPUT_FILES.openapiJson);
    const portman = median(
      Array.from({ length: RUNS }, () =>
        timeProcess(process.execPath, [portmanBin, '-l', openapi, '-o', join(work, 'portman.json'), '--portmanConfigFile', join(PACKAGE_ROOT, 'node_modules/@apideck/portman/portman-config.default.json')], work),
      ),
    );
    row(`Portman -l openapi.json -o collection.json, whole CLI process (median of ${RUNS})`, fmt(portman));
    row('ratio asr-contract build / Portman (goal ≤ 0.10)', (ours / portman).toFixed(2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
