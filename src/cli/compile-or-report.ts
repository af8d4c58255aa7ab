// Shared by every command that needs the model: compile specs/, print diagnostics, stop on errors.
import { compileSpecDir } from '../model/compile.js';
import type { Model } from '../model/types.js';
import { formatDiagnostic } from '../spec/diagnostics.js';
import type { Io } from './io.js';

export function compileOrReport(root: string, io: Io): Model | undefined {
  const { model, diagnostics } = compileSpecDir(root);
  for (const d of diagnostics) io.stderr(formatDiagnostic(d));
  if (!model) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    io.stderr(`specs/ has ${errors} error${errors === 1 ? '' : 's'}; nothing was written.`);
  }
  return model;
}
