// User errors are data: loading and checking return diagnostics, only cli/ prints them.
import type { DiagnosticRule } from './diagnostic-rules.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable rule id, e.g. `unknown-type`; see diagnostic-rules.ts. */
  rule: DiagnosticRule;
  severity: Severity;
  message: string;
  /** Path relative to the project root, forward slashes. */
  file: string;
  line: number;
  column: number;
  hint?: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.rule}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorted by file, then position, so output is the same on every run. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}
