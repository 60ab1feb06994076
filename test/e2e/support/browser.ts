import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it with apt when it is missing); no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the suite's screenshots go: git-ignored. */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'console');

/**
 * Chromium with nothing that would reach out to the network (CI may have none) or slow a run. Playwright
 * gives each launch a fresh profile of its own (a new user-data-dir), removed when it closes.
 */
export const launchChromium = async (): Promise<{ browser: Browser; close(): Promise<void> }> => {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
};

/** The serious and critical accessibility violations axe-core finds on the page as it stands. */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

/** The whole page, or with `clip` only that part of it (the README's small screenshot). */
export const screenshot = async (
  page: Page,
  name: string,
  clip?: { x: number; y: number; width: number; height: number },
): Promise<string> => {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot(clip ? { path, clip } : { path, fullPage: true });
  return path;
};
