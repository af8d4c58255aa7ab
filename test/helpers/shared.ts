// ../shared holds Tencent's reference definitions. CI always has it; a fresh clone does not, so the
// tests that read it skip, and say why, instead of failing.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

export const SHARED_DIR = resolve(process.env.ASR_SHARED_DIR ?? join(PACKAGE_ROOT, '..', 'shared'));
export const REFERENCE_DIR = join(SHARED_DIR, 'reference');
export const HAS_SHARED = existsSync(REFERENCE_DIR);

export const referencePath = (...parts: string[]): string => join(REFERENCE_DIR, ...parts);

export const SKIP_REASON = `skipped: ${REFERENCE_DIR} is absent (it sits beside the repository in CI; set ASR_SHARED_DIR to point elsewhere)`;

if (!HAS_SHARED) console.warn(`[reference tests] ${SKIP_REASON}`);
