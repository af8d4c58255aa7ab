// JUnit files are checked by a real XML schema validator: libxml2's xmllint (Debian libxml2-utils)
// against test/fixtures/junit/junit.xsd. Where xmllint is absent the checks skip, saying so, unless
// ASR_REQUIRE_XMLLINT=1 (set by .ci/run) makes that a failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../src/cli/io.js';

export const XMLLINT = process.env.XMLLINT_PATH ?? 'xmllint';
export const JUNIT_XSD = join(PACKAGE_ROOT, 'test/fixtures/junit/junit.xsd');
export const HAS_XMLLINT = spawnSync(XMLLINT, ['--version'], { stdio: 'ignore' }).status === 0;
export const NO_XMLLINT = `skipped: no ${XMLLINT} (apt-get install libxml2-utils, or set XMLLINT_PATH)`;
if (!HAS_XMLLINT && process.env.ASR_REQUIRE_XMLLINT) throw new Error(`ASR_REQUIRE_XMLLINT is set but ${NO_XMLLINT}`);
if (!HAS_XMLLINT) console.warn(`[junit schema tests] ${NO_XMLLINT}`);

/** xmllint's verdict on a file against the JUnit schema: ok, and what it said. */
export function validateJunit(path: string): { ok: boolean; output: string } {
  const r = spawnSync(XMLLINT, ['--noout', '--schema', JUNIT_XSD, path], { encoding: 'utf8', timeout: 30_000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

/** An XPath expression's value, read by xmllint from the file (a parser's view, not a regex's). */
export function xpath(path: string, expression: string): string {
  const r = spawnSync(XMLLINT, ['--xpath', expression, path], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`xmllint --xpath ${expression} ${path}: ${r.stderr}`);
  return r.stdout.trim();
}
