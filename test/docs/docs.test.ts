// asr-contract docs: one self-contained page, checked as text and then in headless Chromium (Debian's
// chromium package driven by playwright-core). The browser half skips, saying why, where no
// Chromium is installed; .ci/run installs it, so CI always runs it.
import { resolveProject } from '../../src/project/resolve.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/cli/io.js';
import { compileSpecDir } from '../../src/model/compile.js';
import type { Model } from '../../src/model/types.js';
import { runCli } from '../helpers/cli.js';
import { MINI_SPEC } from '../helpers/spec-fixtures.js';
import { HAS_CHROMIUM, NO_CHROMIUM, openOffline } from '../helpers/chromium.js';

if (!HAS_CHROMIUM) console.warn(`[docs browser test] ${NO_CHROMIUM}`);
const SCREENSHOT = join(PACKAGE_ROOT, 'reports/docs/screenshot.png');

const model = compileSpecDir(PACKAGE_ROOT).model as Model;
const actionNames = model.actions.map((a) => a.name).sort();
const dir = mkdtempSync(join(tmpdir(), 'asr-docs-test-'));
const page = join(dir, 'index.html');
let html = '';
let cli: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  cli = await runCli(['docs', '--out', page]);
  html = existsSync(page) ? readFileSync(page, 'utf8') : '';
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('asr-contract docs: the page', () => {
  test('is written in one piece and reported', () => {
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(`wrote ${page} (33 actions, 1 HTTP endpoint, 2 WebSocket channels)`);
    expect(html).toMatch(/^<!DOCTYPE html>/i);
  });

  test('loads nothing from the network: no remote scripts, styles, fonts or images', () => {
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/i);
    expect(html).not.toMatch(/import[^;]*from\s*["']https?:/);
    expect(html).not.toMatch(/@import\s+url\(["']?https?:/);
  });

  test('carries every action, every error code, and the signing scheme', () => {
    for (const name of actionNames) expect(html, name).toContain(`"operationId":"${name}"`);
    for (const e of model.errors) expect(html, e.code).toContain(`\`${e.code}\``);
    expect(html).toContain('TC3-HMAC-SHA256');
  });

  test('carries the code samples of every operation (Redoc shows x-codeSamples)', () => {
    expect(html.match(/"label":"tccli","source":/g) ?? []).toHaveLength(model.actions.length);
    expect(html.match(/"label":"Python \(speech SDK\)","source":/g) ?? []).toHaveLength(model.endpoints.length);
  });

  test('a contract that does not compile writes no page', async () => {
    const root = mkdtempSync(join(dir, 'bad-'));
    cpSync(join(MINI_SPEC, 'specs'), join(root, 'specs'), { recursive: true });
    writeFileSync(join(root, 'specs/types/Item.yaml'), 'type: Item\nfields:\n  Id: {type: NoSuchType}\n');
    const { runDocs } = await import('../../src/cli/docs.js');
    const err: string[] = [];
    const code = runDocs(['--out', 'out.html'], { stdout: () => {}, stderr: (l) => err.push(l), env: {}, cwd: root }, resolveProject(root, root));
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/Item\.yaml:\d+:\d+/);
    expect(existsSync(join(root, 'out.html'))).toBe(false);
  });

  test('a wrong flag is a usage error', async () => {
    const r = await runCli(['docs', '--output', 'x.html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/output/);
  });
});

describe.skipIf(!HAS_CHROMIUM)(`asr-contract docs in headless Chromium ${HAS_CHROMIUM ? '' : NO_CHROMIUM}`, () => {
  type Browser = import('playwright-core').Browser;
  type Page = import('playwright-core').Page;
  let browser: Browser;
  let tab: Page;
  let problems: string[] = [];
  let remote: string[] = [];

  beforeAll(async () => {
    ({ browser, tab, problems, remote } = await openOffline(page));
    await tab.locator('[data-testid="search-trigger"]', { hasText: 'Search' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('renders without console errors or remote requests, and keeps a screenshot', async () => {
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await tab.screenshot({ path: SCREENSHOT, fullPage: false });
    expect(problems).toEqual([]);
    expect(remote).toEqual([]);
    await expect(tab.title()).resolves.toBe(`${model.service.name} (${model.service.nameZh}) API ${model.service.version}`);
  });

  test('the sidebar leads to the signing schemes and the error codes', async () => {
    await tab.locator('a[href="/section/signing"]').first().click();
    for (const scheme of ['TC3-HMAC-SHA256', 'FlashRecognitionSignature']) {
      await tab.locator('h3', { hasText: scheme }).first().waitFor({ state: 'visible', timeout: 10_000 });
    }
    await tab.locator('a[href="/section/error-codes"]').first().click();
    await tab.locator('td', { hasText: 'AuthFailure.SignatureFailure' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(problems).toEqual([]);
  });

  test('the sidebar lists all 33 actions under their product areas', async () => {
    const seen = new Set<string>();
    for (const area of model.areas) {
      await tab.locator(`a[href="/${area.name.toLowerCase().replace(/\s+/g, '-')}"]`).first().click();
      // The area opens after the click has been handled, later on a busy machine: wait (bounded) for
      // each of its actions to show in the sidebar rather than reading the sidebar straight away.
      for (const action of model.actions.filter((a) => a.area === area.id)) {
        await tab.locator('a', { hasText: new RegExp(`^\\s*${action.name} · `) }).first().waitFor({ state: 'visible', timeout: 15_000 });
        seen.add(action.name);
      }
    }
    expect([...seen].sort()).toEqual(actionNames);
    expect(problems).toEqual([]);
  });

  test('an operation offers its code samples in the request panel, one entry per form', async () => {
    await tab.goto(`file://${page}#/recorded-file-recognition/createrectask`, { waitUntil: 'load' });
    const forms = ['Node.js', 'Python', 'Go', 'Java', 'PHP', '.NET', 'C++', 'tccli', 'curl'];
    // The panel has two pickers (example and language); the language one shows a form's label.
    const picker = tab.locator('.panel-request-samples [data-testid="dropdown"] button', { hasText: new RegExp(`^(${forms.map((f) => f.replace(/[.+]/g, '\\$&')).join('|')})$`) }).first();
    await picker.waitFor({ state: 'visible', timeout: 15_000 });
    await picker.click();
    const entries = tab.locator('[role="menuitem"]:visible');
    await entries.first().waitFor({ state: 'visible', timeout: 10_000 });
    expect((await entries.allInnerTexts()).map((t) => t.trim()), 'the language menu').toEqual(forms);
    await entries.filter({ hasText: /^tccli$/ }).first().click();
    await tab.locator('pre', { hasText: 'tccli asr CreateRecTask' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(problems).toEqual([]);
  });

  test('searching for an action finds it and opens it', async () => {
    // Under load a click can land while the previous navigation is still re-rendering the header
    // and open nothing; click again (a bounded number of times) until the search box is there.
    const box = tab.getByPlaceholder('Search docs...');
    for (let attempt = 1; !(await box.isVisible()); attempt++) {
      if (attempt > 5) throw new Error('the search box did not open after 5 clicks on the search trigger');
      await tab.locator('[data-testid="search-trigger"]').click();
      await box.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
    }
    // The search index is built in the background after load; a query typed before it is ready
    // stays empty until it is typed again. Retype a bounded number of times.
    const first = tab.locator('[data-component-name="Search/SearchItem"]').first();
    for (let attempt = 1; !(await first.isVisible()); attempt++) {
      if (attempt > 5) throw new Error('searching for DescribeTaskStatus showed no result after 5 tries');
      await box.fill('');
      await box.fill('DescribeTaskStatus');
      await first.waitFor({ state: 'visible', timeout: 4_000 }).catch(() => {});
    }
    await expect(first.innerText()).resolves.toContain('DescribeTaskStatus · ');
    await first.click();
    await expect.poll(() => tab.url(), { timeout: 10_000 }).toMatch(/#\/recorded-file-recognition\/describetaskstatus/);
    await tab.locator('h1, h2', { hasText: /^DescribeTaskStatus · / }).first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(problems).toEqual([]);
  });
});
