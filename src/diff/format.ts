// A diff as a terminal table, JSON, or markdown for a pull-request comment.
import type { Change } from './classify.js';

export type DiffFormat = 'table' | 'json' | 'markdown';

export function formatChanges(changes: readonly Change[], format: DiffFormat, labels: { old: string; new: string }): string {
  const breaking = changes.filter((c) => c.breaking).length;
  const summary = `${changes.length} change${changes.length === 1 ? '' : 's'} from ${labels.old} to ${labels.new}, ${breaking} breaking`;
  if (format === 'json') return JSON.stringify({ old: labels.old, new: labels.new, breaking, changes }, null, 2);
  if (format === 'markdown') {
    if (changes.length === 0) return `### ASR contract diff\n\nNo changes from \`${labels.old}\` to \`${labels.new}\`.`;
    const rows = changes.map((c) => `| ${c.breaking ? '**breaking**' : 'compatible'} | \`${c.where}\` | ${c.change.replace(/\|/g, '\\|')} |`);
    return [`### ASR contract diff: ${breaking} breaking change${breaking === 1 ? '' : 's'}`, '', `From \`${labels.old}\` to \`${labels.new}\`.`, '', '| | Where | Change |', '|---|---|---|', ...rows].join('\n');
  }
  if (changes.length === 0) return `no changes from ${labels.old} to ${labels.new}`;
  const width = Math.max(...changes.map((c) => c.where.length));
  return [...changes.map((c) => `${(c.breaking ? 'BREAKING' : 'ok').padEnd(9)}${c.where.padEnd(width)}  ${c.change}`), '', summary].join('\n');
}
