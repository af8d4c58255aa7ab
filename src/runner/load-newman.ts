// newman, loaded without the deprecation warning it triggers on Node 24. newman 6.2.2 (its last
// release) copies every property of `fs` when it loads, which reads the deprecated `fs.F_OK` and makes
// Node 24 print DEP0176 on every run: a warning about newman's code, not the user's, so it is muted for
// the length of that one synchronous load and for nothing else.
import { createRequire } from 'node:module';
import type Newman from 'newman';

const require = createRequire(import.meta.url);
let loaded: typeof Newman | undefined;

export function loadNewman(): typeof Newman {
  if (loaded) return loaded;
  const previous = process.noDeprecation;
  process.noDeprecation = true;
  try {
    loaded = require('newman') as typeof Newman;
  } finally {
    process.noDeprecation = previous;
  }
  return loaded;
}
