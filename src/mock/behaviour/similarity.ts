// Speaker similarity between two audio fingerprints: identical audio scores 100, anything else a
// stable score below the pass threshold, so verification is deterministic and explainable.
import { createHash } from 'node:crypto';

export interface Similarity {
  score: number;
  /** The score as the service writes it: a decimal string. */
  text: string;
  pass: boolean;
}

export function similarity(a: unknown, b: unknown, threshold: number): Similarity {
  const x = String(a ?? '');
  const y = String(b ?? '');
  let score: number;
  if (!x || !y) score = 0;
  else if (x === y) score = 100;
  else {
    const [lo, hi] = [x, y].sort();
    const h = parseInt(createHash('sha256').update(`${lo}|${hi}`).digest('hex').slice(0, 8), 16);
    score = 10 + ((h % 1000) / 1000) * Math.max(0, threshold - 15);
  }
  const rounded = Math.round(score * 10) / 10;
  return { score: rounded, text: rounded.toFixed(1), pass: rounded >= threshold };
}
