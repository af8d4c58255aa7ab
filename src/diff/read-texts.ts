// The descriptions in the documents mix what authors wrote with parts derived from other facts
// (cross-field rules, an action's error codes, the error table, the path convention). These read
// the derived parts out and leave the author's text, so one edit is reported once.

const blocks = (text: string): string[] => text.split(/\n{2,}/);
const RULES = /^Parameter rules:/;
const ERRORS = /^Errors specific to this action/;
/** The document's own sections (`## Paths`, `## Error codes`) follow the service's description. */
const SECTION = /^## /;

/** The text without the rule list, the action's error table and the sections the emitter adds. */
export function authoredText(text: string): string {
  const out: string[] = [];
  let inTable = false;
  for (const b of blocks(text.trim())) {
    if (SECTION.test(b)) break;
    if (RULES.test(b)) continue;
    if (ERRORS.test(b)) {
      inTable = true; // the heading, then its table
      continue;
    }
    if (inTable && b.startsWith('|')) continue;
    inTable = false;
    out.push(b);
  }
  return out.join('\n\n');
}

/** The bullets of a "Parameter rules:" block, in order: the rules' own descriptions. */
export function ruleLines(text: string): string[] {
  const block = blocks(text).find((b) => RULES.test(b));
  return block ? block.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2).trim()) : [];
}

/** The codes of the action's error table. */
export function documentedCodes(text: string): string[] {
  const list = blocks(text);
  const i = list.findIndex((b) => ERRORS.test(b));
  if (i < 0) return [];
  const table = list.slice(i + 1).find((b) => b.startsWith('|')) ?? '';
  return [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]!).sort();
}
