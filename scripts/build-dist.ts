// Bundles the CLI into dist/ so that a run does not pay for tsx and hundreds of module lookups.
// Run by `npm run bundle` and npm's `prepare`. esbuild is pinned as a dev dependency at the version
// tsx (a dependency) brings, so it is there even in an install without dev dependencies.
// Packages stay external: dist/ depends only on src/, which is what bin/dist-freshness.js hashes.
// The spec-file schema is compiled here, once, to ajv standalone code (see spec-file-validators.ts).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { build, type Plugin } from 'esbuild';
import { currentDist, DIST_MANIFEST, sourceHash } from '../bin/dist-freshness.js';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { FILE_KINDS } from '../src/spec/file-kinds.js';
import { createSpecFileAjv, specFileSchemaRef } from '../src/spec/spec-file-validators.js';

// ajv's standalone entry is CommonJS with a default export; under NodeNext it arrives wrapped.
const standaloneCode = ((standaloneCodeModule as unknown as { default?: unknown }).default ?? standaloneCodeModule) as (
  ajv: ReturnType<typeof createSpecFileAjv>,
  refs: Record<string, string>,
) => string;

const ENTRY = 'main.js';

/** ESM source exporting `specFileValidators()` exactly like src/spec/spec-file-validators.ts. */
export function precompiledSpecFileValidators(): string {
  const ajv = createSpecFileAjv({ code: { source: true, esm: true } });
  const code = standaloneCode(ajv, Object.fromEntries(FILE_KINDS.map((k) => [k, specFileSchemaRef(k)])));
  if (/\brequire\((?!"ajv\/dist\/runtime\/)/.test(code)) throw new Error('ajv standalone code requires something besides its runtime helpers');
  const table = FILE_KINDS.map((k) => `${k}: ${k}`).join(', ');
  // Standalone code `require`s ajv's small runtime helpers; a require made for this file keeps
  // their CommonJS default-export shape both under plain Node and inside the esbuild bundle.
  return `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n${code}\nexport function specFileValidators() { return { ${table} }; }\n`;
}

const swapSpecFileValidators = (source: string): Plugin => ({
  name: 'precompiled-spec-file-validators',
  setup(b) {
    b.onResolve({ filter: /\/spec-file-validators\.js$/ }, (args) => ({ path: join(args.resolveDir, 'spec-file-validators.precompiled.js'), namespace: 'precompiled' }));
    b.onLoad({ filter: /.*/, namespace: 'precompiled' }, () => ({ contents: source, loader: 'js', resolveDir: PACKAGE_ROOT }));
  },
});

export async function buildDist(root: string, outDir = join(root, 'dist')): Promise<void> {
  const staging = `${outDir}.tmp-${process.pid}`;
  // Hashed before bundling: a source edited meanwhile then makes the bundle stale, never falsely current.
  const hash = sourceHash(root);
  rmSync(staging, { recursive: true, force: true });
  try {
    await build({
      absWorkingDir: root,
      entryPoints: { main: 'src/cli/main.ts' },
      outdir: staging,
      bundle: true,
      splitting: true, // each command stays its own chunk, loaded only when called
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
      plugins: [swapSpecFileValidators(precompiledSpecFileValidators())],
    });
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify({ sourceHash: hash, entry: ENTRY }, null, 2)}\n`);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

if (process.argv[1] && relative(process.argv[1], fileURLToPath(import.meta.url)) === '') {
  const t = performance.now();
  // Already bundled from these very sources: leave it. `npm pack` runs this as `prepare`, and a CLI
  // running meanwhile (another terminal, a test) must not see dist/ swapped under it.
  if (currentDist(PACKAGE_ROOT)) console.log(`${DIST_MANIFEST.replace(/\/[^/]+$/, '/')} is current (bundled from these sources)`);
  else {
    await buildDist(PACKAGE_ROOT);
    console.log(`bundled the CLI into ${DIST_MANIFEST.replace(/\/[^/]+$/, '/')} in ${Math.round(performance.now() - t)} ms`);
  }
}
