// A full contract run with failures forced, read back the way CI reads it: an emulator that lets
// wrong signatures through (--lenient-auth, so the signing negative cases and the WebSocket bad-
// signature sessions fail), behind the mutation proxy breaking two actions' answers. Every report
// must tell the printed counts; the JUnit file must pass the schema; the HTML must work offline and
// lead from its top to a failure in one click.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate as validateCtrf } from 'ctrf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseReport } from '../../src/report/json.js';
import { totals } from '../../src/report/model.js';
import { HAS_CHROMIUM, NO_CHROMIUM, openOffline, type OfflinePage } from '../helpers/chromium.js';
import { runCli, type CliRun } from '../helpers/cli.js';
import { startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startMutatingProxy, type MutatingProxy } from '../helpers/mutating-proxy.js';
import { HAS_XMLLINT, NO_XMLLINT, validateJunit, xpath } from '../helpers/xmllint.js';

const out = mkdtempSync(join(tmpdir(), 'asr-forced-failures-'));
const stepSummary = join(out, 'github-step-summary.md');
const BROKEN = ['GetUsageByDate', 'SentenceRecognition'];
let em: TestEmulator;
let strict: TestEmulator;
let proxy: MutatingProxy;
let run: CliRun;
let printed: { passed: number; failed: number; skipped: number; tests: number };
let page: OfflinePage;

beforeAll(async () => {
  em = await startTestEmulator({ lenientAuth: true, stepMs: 0, callbackDelayMs: 100 });
  // The WebSockets go to a strict emulator: a lenient one would keep a badly signed session open
  // waiting for audio until the client gives up (15 s a session).
  strict = await startTestEmulator();
  // Everything but the two broken actions passes through untouched (flash has no action header: '').
  const spare = new Set(['', ...em.model.actions.map((a) => a.name).filter((a) => !BROKEN.includes(a))]);
  proxy = await startMutatingProxy(em.url, em.model, 'change-field-type', spare);
  run = await runCli(['test', '--base-url', proxy.url, '--ws-base-url', strict.url, '--reporters', 'progress,junit,json,html,summary,ctrf', '--out', out], { GITHUB_STEP_SUMMARY: stepSummary });
  const m = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)? of (\d+) checks \(/m.exec(run.stdout);
  if (!m) throw new Error(`no verdict line in:\n${run.stdout.slice(-2000)}\n${run.stderr}`);
  printed = { passed: Number(m[1]), failed: Number(m[2]), skipped: Number(m[3] ?? 0), tests: Number(m[4]) };
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await em?.close();
  await strict?.close();
  rmSync(out, { recursive: true, force: true });
});

const file = (name: string): string => join(out, name);

describe('a run with failures forced', () => {
  test('fails, and the printed counts add up', () => {
    expect(run.code).toBe(1);
    expect(printed.failed).toBeGreaterThanOrEqual(8);
    expect(printed.passed + printed.failed + printed.skipped).toBe(printed.tests);
    // The failures come from the collection's assertions and from the second opinion.
    expect(run.stdout).toMatch(/^✗ (SentenceRecognition|GetUsageByDate) · .*: second opinion: /m);
    expect(run.stdout).toMatch(/^✗ \w+ · Negative cases \/ Authentication and routing \/ .*wrong key/m);
  });

  test('the JUnit header says exactly what was printed: tests, failures, skipped', () => {
    const xml = readFileSync(file('junit.xml'), 'utf8');
    const head = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="0" skipped="(\d+)"/.exec(xml)!;
    expect({ tests: Number(head[1]), failed: Number(head[2]), skipped: Number(head[3]) }).toEqual({ tests: printed.tests, failed: printed.failed, skipped: printed.skipped });
  });

  test.skipIf(!HAS_XMLLINT)(`the JUnit file validates against the schema, and its testcases count the same ${HAS_XMLLINT ? '' : NO_XMLLINT}`, () => {
    const v = validateJunit(file('junit.xml'));
    expect(v.ok, v.output.slice(0, 2000)).toBe(true);
    expect(Number(xpath(file('junit.xml'), 'count(//testcase)'))).toBe(printed.tests);
    expect(Number(xpath(file('junit.xml'), 'count(//testcase/failure)'))).toBe(printed.failed);
    expect(Number(xpath(file('junit.xml'), 'sum(//testsuite/@failures)'))).toBe(printed.failed);
    // The surfaces and the preflight are testcases of their own suites.
    for (const suite of ['preflight', 'realtime', 'virtual-number', 'RecTaskCallback', 'StreamTaskCallback']) {
      expect(Number(xpath(file('junit.xml'), `count(//testsuite[@name="${suite}"]/testcase)`)), suite).toBeGreaterThan(0);
    }
    // A suite's time is its testcases' times, and the run's time is at least that.
    const total = Number(xpath(file('junit.xml'), 'string(/testsuites/@time)'));
    expect(Number(xpath(file('junit.xml'), 'sum(//testsuite/@time)'))).toBeLessThanOrEqual(total + 0.01 * Number(xpath(file('junit.xml'), 'count(//testsuite)')));
  });

  test('every other report tells the same counts: run-report.json, contract-summary.json, CTRF, the job summary', () => {
    const report = parseReport(readFileSync(file('run-report.json'), 'utf8'), 'run-report.json');
    expect(totals(report.checks)).toEqual(printed);
    expect(JSON.parse(readFileSync(file('contract-summary.json'), 'utf8'))).toMatchObject({ passed: printed.passed, failed: printed.failed, tests: printed.tests });
    const ctrf = JSON.parse(readFileSync(file('ctrf.json'), 'utf8'));
    expect(validateCtrf(ctrf).errors).toEqual([]);
    expect(ctrf.results.summary).toMatchObject({ tests: printed.tests, passed: printed.passed, failed: printed.failed, skipped: printed.skipped });
    const md = readFileSync(file('summary.md'), 'utf8');
    expect(md.split('\n')[0]).toBe(`## ❌ ASR contract run: ${printed.passed} passed, ${printed.failed} failed${printed.skipped ? `, ${printed.skipped} skipped` : ''} of ${printed.tests} checks`);
    expect(md).toContain(`### Failures (${printed.failed})`);
    expect(md).toMatch(/^\| (SentenceRecognition|GetUsageByDate) \| .* \| second opinion: /m);
    expect(md).toContain('### Per action and surface');
    // With $GITHUB_STEP_SUMMARY set, the same markdown is appended there.
    expect(readFileSync(stepSummary, 'utf8')).toBe(md);
  });

  test('the HTML report is small, and holds no http(s) address in any src, href or url()', () => {
    const html = readFileSync(file('report.html'), 'utf8');
    expect(statSync(file('report.html')).size).toBeLessThan(3 * 1024 * 1024);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?\s*(https?:)?\/\//i);
    expect(html.match(/data-testid="failure-link"/g)).toHaveLength(printed.failed);
    // The collection's description is rendered, not shown as markdown.
    expect(html).toMatch(/<h3>Using this collection<\/h3>/);
    expect(html).not.toMatch(/### Using this collection/);
  });

  test('newman.json is still written, for those who read it', () => {
    expect(existsSync(file('newman.json'))).toBe(true);
  });
});

/** Whether the element is on the screen as it is now, without scrolling. */
async function inViewport(element: import('playwright-core').Locator): Promise<boolean> {
  const box = await element.boundingBox();
  const view = page.tab.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= view.height;
}

describe.skipIf(!HAS_CHROMIUM)(`the HTML report in headless Chromium ${HAS_CHROMIUM ? '' : NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    page = await openOffline(file('report.html'));
  }, 60_000);
  afterAll(async () => {
    await page?.browser.close();
  });

  test('renders with no request leaving the page and no console error', async () => {
    await expect(page.tab.locator('[data-testid="verdict"]').innerText()).resolves.toContain(`${printed.failed} failed`);
    expect(page.remote).toEqual([]);
    expect(page.problems).toEqual([]);
  });

  test('one click from the top of the page lands on a failing check', async () => {
    const link = page.tab.locator('[data-testid="failure-link"]').first();
    // The link is on the first screen, without scrolling.
    expect(await inViewport(link)).toBe(true);
    const title = await link.innerText();
    await link.click();
    const id = new URL(page.tab.url()).hash.slice(1);
    expect(id).toMatch(/^check-\d+$/);
    const row = page.tab.locator(`[id="${id}"]`);
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await inViewport(row)).toBe(true);
    await expect(row.locator('td.status').innerText()).resolves.toBe('failed');
    expect(title).toContain(await row.locator('td').nth(1).innerText());
  });

  test('a link to a passing action opens its closed section', async () => {
    const id = await page.tab.locator('details.suite:not([open])').first().getAttribute('id');
    const suite = page.tab.locator(`[id="${id}"]`);
    await page.tab.locator(`table.overview a[href="#${id}"]`).click();
    await expect.poll(() => suite.getAttribute('open'), { timeout: 10_000 }).not.toBeNull();
    expect(page.problems).toEqual([]);
  });
});
