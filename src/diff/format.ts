// A diff as a terminal table, JSON, or markdown that serves as a pull-request comment and as a
// CHANGELOG entry alike. A failure to read a version is rendered in the same three forms, so a
// consumer of the markdown shows the failure instead of an empty comment.
import { CHANGE_KINDS, type Change, type ChangeKind } from './change.js';
import { checkVersion } from './version-bump.js';

export type DiffFormat = 'table' | 'json' | 'markdown';
export const DIFF_FORMATS: readonly DiffFormat[] = ['table', 'json', 'markdown'];

export interface DiffSide {
  label: string;
  version?: string;
}

export interface DiffReport {
  old: DiffSide;
  new: DiffSide;
  /** The changes shown. */
  changes: Change[];
  /** Non-breaking changes left out by --breaking-only. */
  hidden: number;
}

const TABLE_LABEL: Record<ChangeKind, string> = { breaking: 'BREAKING', compatible: 'ok', docs: 'docs', example: 'example' };
const SECTION: Record<ChangeKind, string> = { breaking: 'Breaking changes', compatible: 'Compatible changes', docs: 'Documentation', example: 'Examples' };
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function counts(changes: readonly Change[]): Record<ChangeKind, number> {
  return Object.fromEntries(CHANGE_KINDS.map((k) => [k, changes.filter((c) => c.kind === k).length])) as Record<ChangeKind, number>;
}

function summary(r: DiffReport, code: (s: string) => string): string {
  const c = counts(r.changes);
  const parts = CHANGE_KINDS.filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
  const hidden = r.hidden > 0 ? ` (${plural(r.hidden, 'non-breaking change')} not shown: --breaking-only)` : '';
  return `${plural(r.changes.length, 'change')} from ${code(r.old.label)} to ${code(r.new.label)}${parts.length ? `: ${parts.join(', ')}` : ''}${hidden}`;
}

/** `contract 1.2.0 → 1.3.0`, and what the changes call for when the new version is too low. */
function versionLine(r: DiffReport, all: readonly Change[]): string | undefined {
  const v = checkVersion(r.old.version, r.new.version, all);
  if (!v.old && !v.new) return undefined;
  const span = `contract ${v.old ?? '(unversioned)'} → ${v.new ?? '(unversioned)'}`;
  return v.tooLow && v.needed ? `${span}: these changes need at least ${v.needed}` : span;
}

/** `all` is every change, shown or not: the version a release needs depends on all of them. */
export function formatReport(r: DiffReport, format: DiffFormat, all: readonly Change[] = r.changes): string {
  const version = versionLine(r, all);
  if (format === 'json') {
    const v = checkVersion(r.old.version, r.new.version, all);
    return JSON.stringify({ old: r.old.label, new: r.new.label, version: v, breaking: counts(r.changes).breaking, counts: counts(r.changes), hidden: r.hidden, changes: r.changes }, null, 2);
  }
  if (format === 'markdown') {
    const title = r.new.version ? `## ASR contract ${r.new.version}${r.old.version && r.old.version !== r.new.version ? ` (from ${r.old.version})` : ''}` : '## ASR contract changes';
    if (r.changes.length === 0 && r.hidden === 0) return [title, '', `No changes from \`${r.old.label}\` to \`${r.new.label}\`.`].join('\n');
    const md = (s: string): string => `\`${s}\``;
    const lines = [title, '', `${summary(r, md)}.`];
    const v = checkVersion(r.old.version, r.new.version, all);
    if (v.tooLow && v.needed) lines.push('', `> **Version:** ${version}.`);
    for (const kind of CHANGE_KINDS) {
      const items = r.changes.filter((c) => c.kind === kind);
      if (items.length > 0) lines.push('', `### ${SECTION[kind]}`, '', ...items.map((c) => `- ${md(c.where)}: ${c.change}`));
    }
    return lines.join('\n');
  }
  const tail = [summary(r, (s) => s), ...(version ? [version] : [])];
  if (r.changes.length === 0) return [r.hidden > 0 ? summary(r, (s) => s) : `no changes from ${r.old.label} to ${r.new.label}`, ...(version ? [version] : [])].join('\n');
  const width = Math.max(...r.changes.map((c) => c.where.length));
  return [...r.changes.map((c) => `${TABLE_LABEL[c.kind].padEnd(9)}${c.where.padEnd(width)}  ${c.change}`), '', ...tail].join('\n');
}

/** A version that could not be read, in the chosen format. */
export function formatFailure(message: string, format: DiffFormat, labels: { old: string; new: string }): string {
  if (format === 'json') return JSON.stringify({ old: labels.old, new: labels.new, error: message }, null, 2);
  if (format === 'markdown') return ['## ASR contract diff failed', '', `Comparing \`${labels.old}\` with \`${labels.new}\` failed: ${message}`].join('\n');
  return `asr-contract diff: ${message}`;
}
