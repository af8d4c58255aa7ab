// Headless Chromium (Debian's chromium, driven by playwright-core) for pages that must work offline:
// every request that is not the file itself is refused and recorded, and console errors are kept.
// Tests skip, saying why, where Chromium is absent, unless ASR_REQUIRE_CHROMIUM=1 (set by .ci/run).
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const NO_CHROMIUM = `skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
if (!HAS_CHROMIUM && process.env.ASR_REQUIRE_CHROMIUM) throw new Error(`ASR_REQUIRE_CHROMIUM is set but ${NO_CHROMIUM}`);

type Browser = import('playwright-core').Browser;
type Page = import('playwright-core').Page;

export interface OfflinePage {
  browser: Browser;
  tab: Page;
  /** Console errors and warnings, and uncaught page errors. */
  problems: string[];
  /** Every request the page tried to send anywhere but the file itself (all refused). */
  remote: string[];
}

/** Opens `file` in a fresh headless Chromium with the network cut off. */
export async function openOffline(file: string, viewport = { width: 1440, height: 900 }): Promise<OfflinePage> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // No sandbox: CI runs as root in a container. The rest keeps Chromium from phoning home.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const tab = await browser.newPage({ viewport });
  const problems: string[] = [];
  const remote: string[] = [];
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  tab.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // Offline means offline: any request that is not the file itself is refused and recorded.
  await tab.route('**/*', async (route) => {
    const url = route.request().url();
    if (/^(file|data|blob|about):/.test(url)) return route.continue();
    remote.push(url);
    return route.abort();
  });
  await tab.goto(`file://${file}`, { waitUntil: 'load' });
  return { browser, tab, problems, remote };
}
