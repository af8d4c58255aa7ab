// The README and the guides under docs/, read as the tests run them. Every shell block (and every
// workflow a reader may copy) carries a comment saying how it is run, so no command in the docs can
// go untested:
//
//   <!-- run: CONTEXT [MODIFIERS] -->          right before the fenced block
//
//   ci              each line is a step of .ci/run (npm ci, npm test, npm run contract)
//   checkout        run by bash in this checkout
//   project         run by bash in a fresh project with the packed kit installed (no contract of its own)
//   owned           the same, after `npx asr-contract init`
//   workflow        a GitHub Actions workflow, run step by step in such a project
//   live            contacts Tencent: run with a guard that refuses every dial that is not loopback, to
//                   show that it goes only to the hosts it names
//   scenario ID     run as written by a test of its own, which asks for it with scenarioBlocks('ID')
//
//   foreground      each line is a long-running command: started, seen ready, stopped with Ctrl-C
//   emulator        an emulator is running on 127.0.0.1:8080 meanwhile (the prose says to start one)
//   continues       runs in the same script as the block before it in the same file
//   exit=N[,M]      the last command exits with N (or M): a command documented to fail, e.g. a diff that
//                   finds a break, or one whose verdict depends on what a registry serves today
//
// Code blocks other tests compile or run are named with `<!-- recipe: FILE -->` instead.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

export const CONTEXTS = ['ci', 'checkout', 'project', 'owned', 'workflow', 'live', 'scenario'] as const;
export type Context = (typeof CONTEXTS)[number];
const MODIFIERS = new Set(['foreground', 'emulator', 'continues']);

export interface RunSpec {
  context: Context;
  scenario?: string;
  foreground: boolean;
  emulator: boolean;
  continues: boolean;
  /** The exit codes the block may end with (a command documented to fail, or one whose verdict depends on a release). */
  exit: number[];
}

export interface DocBlock {
  /** Relative to the checkout, e.g. `docs/emulator.md`. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  text: string;
  run?: RunSpec;
  /** A `<!-- run: … -->` comment that did not parse. */
  runError?: string;
  recipe?: string;
}

/** README.md and every guide, except the generated spec-format reference (it holds no commands). */
export function docFiles(): string[] {
  const guides = readdirSync(join(PACKAGE_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md') && f !== 'spec-format.md')
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...guides];
}

function parseRun(comment: string): RunSpec | string {
  const words = comment.trim().split(/\s+/);
  const context = words.shift() as Context;
  if (!(CONTEXTS as readonly string[]).includes(context)) return `unknown context "${context}"`;
  const spec: RunSpec = { context, foreground: false, emulator: false, continues: false, exit: [0] };
  if (context === 'scenario') {
    const id = words.shift();
    if (!id) return 'scenario needs an id';
    spec.scenario = id;
  }
  for (const w of words) {
    if (MODIFIERS.has(w)) (spec as unknown as Record<string, boolean>)[w] = true;
    else if (/^exit=\d+(?:,\d+)*$/.test(w)) spec.exit = w.slice(5).split(',').map(Number);
    else return `unknown modifier "${w}"`;
  }
  return spec;
}

export function blocksOf(file: string): DocBlock[] {
  const lines = readFileSync(join(PACKAGE_ROOT, file), 'utf8').split('\n');
  const out: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!;
    let end = i + 1;
    while (end < lines.length && lines[end] !== `${indent}\`\`\``) end++;
    const block: DocBlock = { file, line: i + 1, lang: open[2]!, text: lines.slice(i + 1, end).map((l) => l.slice(indent.length)).join('\n') };
    const before = lines[i - 1] ?? '';
    const run = /^\s*<!-- run: (.*) -->\s*$/.exec(before);
    if (run) {
      const spec = parseRun(run[1]!);
      if (typeof spec === 'string') block.runError = spec;
      else block.run = spec;
    }
    const recipe = /^\s*<!-- recipe: ([\w.-]+) -->\s*$/.exec(before);
    if (recipe) block.recipe = recipe[1]!;
    out.push(block);
    i = end;
  }
  return out;
}

export function docBlocks(): DocBlock[] {
  return docFiles().flatMap(blocksOf);
}

/** The blocks a scenario test runs, in document order; at least one, or the test has nothing to run. */
export function scenarioBlocks(id: string): DocBlock[] {
  const blocks = docBlocks().filter((b) => b.run?.context === 'scenario' && b.run.scenario === id);
  if (blocks.length === 0) throw new Error(`no doc block is marked <!-- run: scenario ${id} -->`);
  return blocks;
}

/** The one line of a scenario's blocks that starts with `prefix`, as written. */
export function scenarioCommand(id: string, prefix: string): string {
  const lines = scenarioBlocks(id)
    .flatMap((b) => b.text.split('\n'))
    .filter((l) => l.startsWith(prefix));
  if (lines.length !== 1) throw new Error(`expected one line starting with ${JSON.stringify(prefix)} in scenario ${id}, found ${lines.length}`);
  return lines[0]!;
}

/** A code block named `<!-- recipe: NAME -->`, as a file's content. */
export function recipe(name: string): string {
  const found = docBlocks().filter((b) => b.recipe === name);
  if (found.length !== 1) throw new Error(`expected one doc block named recipe ${name}, found ${found.length}`);
  return `${found[0]!.text}\n`;
}

/** A guide's text between two headings (the second excluded), for tests that read a passage. */
export function docSection(file: string, from: string, to?: string): string {
  const text = readFileSync(join(PACKAGE_ROOT, file), 'utf8');
  const start = text.indexOf(from);
  if (start < 0) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  const end = to === undefined ? -1 : text.indexOf(to, start + from.length);
  return end < 0 ? text.slice(start) : text.slice(start, end);
}

/**
 * Blocks that say the same thing in the same context are run once: the README and a guide may show the
 * same command (the contract run, the plain newman block). Named by every place they appear.
 */
export function distinct(blocks: readonly DocBlock[]): { where: string; block: DocBlock }[] {
  const groups = new Map<string, { where: string[]; block: DocBlock }>();
  for (const b of blocks) {
    const key = b.run?.continues ? `${b.file}:${b.line}` : JSON.stringify([b.run, b.text]);
    const g = groups.get(key);
    if (g) g.where.push(`${b.file}:${b.line}`);
    else groups.set(key, { where: [`${b.file}:${b.line}`], block: b });
  }
  return [...groups.values()].map((g) => ({ where: g.where.join(' = '), block: g.block }));
}
