// Prints the CI's last line, "N passed, N failed": vitest's tests and the contract run's checks, on
// every Node version the run used, after one line per report.
// A report that is missing counts as one failure, so a crashed step can never look green.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const path of process.argv.slice(2)) {
  if (!existsSync(path)) {
    console.log(`missing report: ${path}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  const before = [passed, failed];
  if ('numPassedTests' in report) {
    // vitest --reporter=json
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } else if (report.run?.stats?.assertions) {
    // newman --reporters json: the plain newman run
    const a = report.run.stats.assertions;
    passed += a.total - a.failed;
    failed += a.failed + report.run.failures.filter((f) => f.error?.name !== 'AssertionError').length;
  } else if ('passed' in report && 'failed' in report) {
    // asr-contract test or merge-reports: contract-summary.json (every check: the preflight, the collection's
    // assertions, the second opinion, the WebSocket and callback checks)
    passed += report.passed;
    failed += report.failed;
  } else {
    console.log(`unrecognised report: ${path}`);
    failed += 1;
    continue;
  }
  console.log(`${path}: ${passed - before[0]} passed, ${failed - before[1]} failed`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
