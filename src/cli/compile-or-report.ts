// Shared by every command that needs the model: compile specs/, print diagnostics, stop on errors.
import { compileSpecDir } from '../model/compile.js';
import type { Model } from '../model/types.js';
import { UNREADABLE_RULES } from '../spec/diagnostic-rules.js';
import { formatDiagnostic } from '../spec/diagnostics.js';
import { CliError, type Io } from './io.js';

/**
 * The model, or undefined once the diagnostics are printed. A file that is not a spec at all (a FIFO,
 * not UTF-8, an alias bomb) is refused like any other bad input: a CliError, one line per file, exit 2.
 */
export function compileOrReport(root: string, io: Io): Model | undefined {
  const { model, diagnostics } = compileSpecDir(root);
  const unreadable = diagnostics.filter((d) => UNREADABLE_RULES.has(d.rule));
  if (unreadable.length > 0) throw new CliError(unreadable.map(formatDiagnostic).join('\n'));
  for (const d of diagnostics) io.stderr(formatDiagnostic(d));
  if (!model) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    io.stderr(`specs/ has ${errors} error${errors === 1 ? '' : 's'}; nothing was written.`);
  }
  return model;
}
