// Files that newman wrote itself (newman.json copies the environment and every signed request) are
// masked after the run, like everything the run prints and renders.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Redact } from '../report/redact.js';

export function redactFiles(paths: readonly string[], redact: Redact): void {
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // a reporter that wrote nothing
    }
    const out = redact(text);
    if (out !== text) writeFileSync(path, out);
  }
}
