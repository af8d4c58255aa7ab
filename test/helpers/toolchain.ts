// Tests that need a system tool skip, saying so, where it is absent, unless
// ASR_REQUIRE_SAMPLE_TOOLCHAINS=1 (set in CI), which turns a missing tool into a failure.
import { spawnSync } from 'node:child_process';

export const REQUIRE_TOOLCHAINS = Boolean(process.env.ASR_REQUIRE_SAMPLE_TOOLCHAINS);

/** Runs a harmless probe (`--version`, or a tiny input on stdin) and reports whether it succeeded. */
export function hasTool(command: string, probeArgs: string[], input?: string): boolean {
  const ok = spawnSync(command, probeArgs, { input: input ?? '', stdio: ['pipe', 'ignore', 'ignore'] }).status === 0;
  if (!ok && REQUIRE_TOOLCHAINS) throw new Error(`ASR_REQUIRE_SAMPLE_TOOLCHAINS is set but \`${command}\` is not installed`);
  if (!ok) console.warn(`[sample tests] skipped: \`${command}\` is not installed (set ASR_REQUIRE_SAMPLE_TOOLCHAINS=1 to make this a failure)`);
  return ok;
}
