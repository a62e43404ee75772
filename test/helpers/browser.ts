/**
 * Opening parley's reports in a real browser: Debian's headless Chromium driven by playwright-core
 * (never a downloaded browser). A report must draw every chart in charts/ from file://, offline,
 * with no console error or warning and no network request.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
/**
 * Whether the browser tests run: wherever Chromium is installed, and always in CI (.ci/run installs
 * it, so there its absence fails the tests instead of skipping them).
 */
export const runBrowserTests = haveChromium || process.env.CI === 'true';

/** Opens `folder`/report.html and checks that every chart was drawn (at least `minHeight` px tall). */
export async function expectEveryChartRendered(folder: string, minHeight = 50): Promise<void> {
  const chartCount = readdirSync(join(folder, 'charts')).filter((f) => f.endsWith('.vl.json')).length;
  expect(chartCount).toBeGreaterThan(0);
  const page = await (await openBrowser()).newPage();
  try {
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(folder, 'report.html')).href);
    // vega-embed renders asynchronously: wait until every chart container holds a drawing.
    await page.waitForFunction((n) => document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length >= n, chartCount, { timeout: 30_000 });
    const rendered = await page.locator('.vega-embed').evaluateAll((nodes) =>
      nodes.map((n) => {
        const drawing = n.querySelector('svg, canvas');
        const box = drawing?.getBoundingClientRect();
        return { drawn: drawing !== null, width: box?.width ?? 0, height: box?.height ?? 0, marks: n.querySelectorAll('path, rect, line, text').length };
      }),
    );
    expect(rendered.length).toBe(chartCount);
    for (const chart of rendered) {
      expect(chart.drawn).toBe(true);
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(minHeight);
      expect(chart.marks).toBeGreaterThan(minHeight < 50 ? 0 : 5);
    }
    expect(await page.locator('.vis').count()).toBe(chartCount);
    expect(await page.getByText('could not be drawn').count()).toBe(0);
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  } finally {
    await page.close();
  }
}

let browser: Promise<Browser> | undefined;

/** One headless Chromium for all the pages a test file opens (launching it takes about a second). */
function openBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

/** Closes the browser; call it in the test file's afterAll. */
export async function closeBrowser(): Promise<void> {
  const open = browser;
  browser = undefined;
  if (open) await (await open).close();
}
