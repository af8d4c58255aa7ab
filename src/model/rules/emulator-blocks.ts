// Every action says how the emulator serves it. Without an `emulator:` block the emulator could
// only fill the answer with placeholders (`{"Data":{}}`), which the contract tests would then accept
// without proving anything, so a missing block, or one that does nothing, is refused.
import type { Diagnostic } from '../../spec/diagnostics.js';
import { diagnosticAt } from '../../spec/locate.js';
import type { Sources } from '../build.js';
import type { Model } from '../types.js';

const HINT = 'add `emulator:` with the `steps` that read or change the store and `respond` bindings for the answer (docs/spec-format.md, "Emulator blocks")';

export function checkEmulatorBlocks(model: Model, sources: Sources): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const action of model.actions) {
    const file = sources.actions.get(action.name)!;
    const declared = (file.data as { emulator?: unknown }).emulator !== undefined;
    const idle = action.emulator.steps.length === 0 && Object.keys(action.emulator.respond).length === 0;
    if (!declared) {
      out.push(diagnosticAt(file, ['action'], 'no-emulator-block', `action \`${action.name}\` has no \`emulator:\` block, so the emulator would answer it with placeholder values`, { hint: HINT }));
    } else if (idle && action.response.fields.length > 0) {
      out.push(diagnosticAt(file, ['emulator'], 'no-emulator-block', `the \`emulator:\` block of \`${action.name}\` has no steps and binds no response field, so its answer would be placeholder values`, { atKey: true, hint: HINT }));
    }
  }
  return out;
}
