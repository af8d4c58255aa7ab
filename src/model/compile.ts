// load → structure check → model → semantic rules. Returns a model only when no rule failed.
import { hasErrors, sortDiagnostics, type Diagnostic } from '../spec/diagnostics.js';
import { checkStructure } from '../spec/check-structure.js';
import { parseSpecFiles, readSpecTree, type SpecText } from '../spec/load.js';
import { buildModel, type Sources } from './build.js';
import { checkAreas } from './rules/areas.js';
import { checkAudioFacts } from './rules/audio-facts.js';
import { checkEmulatorBlocks } from './rules/emulator-blocks.js';
import { checkEmulatorRefs } from './rules/emulator-refs.js';
import { checkErrorCodes } from './rules/error-codes.js';
import { checkExamples } from './rules/examples.js';
import { checkFieldExamples } from './rules/field-examples.js';
import { checkFieldConstraints } from './rules/field-constraints.js';
import { checkRoles } from './rules/roles.js';
import { checkSurfaces } from './rules/surfaces.js';
import { checkTypeUsage } from './rules/type-usage.js';
import { checkWorkflows } from './rules/workflows.js';
import type { Model } from './types.js';

export interface CompileResult {
  model?: Model;
  diagnostics: Diagnostic[];
}

const RULES: ((model: Model, sources: Sources) => Diagnostic[])[] = [
  checkFieldConstraints,
  checkTypeUsage,
  checkErrorCodes,
  checkAreas,
  checkEmulatorRefs,
  checkEmulatorBlocks,
  checkRoles,
  checkWorkflows,
  checkAudioFacts,
];

export function compileSpecTexts(texts: readonly SpecText[]): CompileResult {
  const parsed = parseSpecFiles(texts);
  const diagnostics = [...parsed.diagnostics, ...parsed.files.flatMap(checkStructure)];
  // Building from a file that broke the schema would only add confusing follow-up errors.
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics) };
  const built = buildModel(parsed.files);
  diagnostics.push(...built.diagnostics);
  if (!built.model || hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics) };
  for (const rule of RULES) diagnostics.push(...rule(built.model, built.sources));
  // Examples are compiled into schemas, which needs every constraint to be sane first.
  if (!hasErrors(diagnostics)) diagnostics.push(...checkExamples(built.model, built.sources), ...checkFieldExamples(built.model, built.sources), ...checkSurfaces(built.model, built.sources));
  const sorted = sortDiagnostics(diagnostics);
  return hasErrors(sorted) ? { diagnostics: sorted } : { model: built.model, diagnostics: sorted };
}

/** Compile the `specs/` folder of a project. */
export function compileSpecDir(root: string, dir = 'specs'): CompileResult {
  return compileSpecTexts(readSpecTree(`${root}/${dir}`, root));
}
