// The release story in one rule: the kind of the weightiest change decides which part of the
// contract's semantic version must grow. Before 1.0.0 a breaking change bumps the minor part.
import type { Change } from './change.js';

type Part = 'major' | 'minor' | 'patch';

type Triple = [number, number, number];

function parse(v: string): Triple | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function neededPart(changes: readonly Change[], major: number): Part | undefined {
  if (changes.length === 0) return undefined;
  if (changes.some((c) => c.kind === 'breaking')) return major === 0 ? 'minor' : 'major';
  if (changes.some((c) => c.kind === 'compatible')) return major === 0 ? 'patch' : 'minor';
  return 'patch';
}

export interface VersionCheck {
  old?: string;
  new?: string;
  /** The lowest version the changes call for, when the old version is known. */
  needed?: string;
  /** The new version is below `needed`. */
  tooLow: boolean;
}

export function checkVersion(oldVersion: string | undefined, newVersion: string | undefined, changes: readonly Change[]): VersionCheck {
  const base = oldVersion ? parse(oldVersion) : undefined;
  const part = base ? neededPart(changes, base[0]) : undefined;
  if (!base || !part) return { ...(oldVersion ? { old: oldVersion } : {}), ...(newVersion ? { new: newVersion } : {}), tooLow: false };
  const [ma, mi, pa] = base;
  const needed: Triple = part === 'major' ? [ma + 1, 0, 0] : part === 'minor' ? [ma, mi + 1, 0] : [ma, mi, pa + 1];
  const now = newVersion ? parse(newVersion) : undefined;
  const compare = (a: Triple, b: Triple): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  return { old: oldVersion!, ...(newVersion ? { new: newVersion } : {}), needed: needed.join('.'), tooLow: !now || compare(now, needed) < 0 };
}
