// Whether dist/ was bundled from the sources on disk. Shared by bin/asr-contract.js, which must
// decide before anything is compiled, and scripts/build-dist.ts, which records the answer.
// Plain JavaScript on purpose: it runs before tsx is loaded.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Everything a bundle is made from. Packages stay external to the bundle, so src/ is all of it. */
function inputs(root) {
  const files = [];
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('src');
  return files;
}

export function sourceHash(root) {
  const hash = createHash('sha256');
  for (const path of inputs(root)) hash.update(`${path}\0`).update(readFileSync(join(root, path))).update('\0');
  return hash.digest('hex');
}

export const DIST_MANIFEST = 'dist/manifest.json';

/** The bundled entry point when dist/ matches the sources, else undefined (run src/ through tsx). */
export function currentDist(root) {
  const manifest = join(root, DIST_MANIFEST);
  if (!existsSync(manifest)) return undefined;
  try {
    const { sourceHash: built, entry } = JSON.parse(readFileSync(manifest, 'utf8'));
    return built === sourceHash(root) ? join(root, 'dist', entry) : undefined;
  } catch {
    return undefined; // an unreadable manifest is a stale one
  }
}
