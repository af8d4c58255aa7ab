// `--root DIR`, which every command takes, is read here once, before the command parses its own flags.
import { UsageError } from './io.js';

export const ROOT_USAGE = `Every command takes --root DIR: the contract to use (a folder holding specs/service.yaml).
Without it: the nearest such folder upward from the current directory, else the installed
package's own contract. Whatever a command writes goes under the current directory or the path
given, never into the package folder.`;

/** `argv` without `--root DIR` / `--root=DIR` (before a `--`), and the value given. */
export function takeRootFlag(argv: readonly string[]): { argv: string[]; root: string | undefined } {
  const out: string[] = [];
  let root: string | undefined;
  const set = (value: string | undefined): void => {
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError('--root needs a folder: --root DIR');
    if (root !== undefined) throw new UsageError('--root is given twice');
    root = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (a === '--root') set(argv[++i]);
    else if (a.startsWith('--root=')) set(a.slice('--root='.length));
    else out.push(a);
  }
  return { argv: out, root };
}
