/**
 * Opening parley's reports in a real browser: Debian's headless Chromium driven by playwright-core
 * (never a downloaded browser). A report must draw every chart in charts/ from file://, offline,
 * with no console error or warning and no network request.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
/**
 * Whether the browser tests run: wherever Chromium is installed, and always in CI (.ci/run installs
 * it, so there its absence fails the tests instead of skipping them).
 */
export const runBrowserTests = haveChromium || process.env.CI === 'true';

/**
 * Opens `folder`/report.html and checks that every chart was drawn (at least `minHeight` px tall).
 * The third argument is either an address to open the report at instead (e.g. as `parley view
 * --serve` serves it, under its Content-Security-Policy; requests to its own origin are then
 * allowed, none elsewhere), or a check that inspects the page further (e.g. that no text from the
 * data ran as a script).
 */
export async function expectEveryChartRendered(folder: string, minHeight = 50, addressOrCheck?: string | ((page: Page) => Promise<void>)): Promise<void> {
  const address = typeof addressOrCheck === 'string' ? addressOrCheck : undefined;
  const alsoCheck = typeof addressOrCheck === 'function' ? addressOrCheck : undefined;
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
    const origin = address === undefined ? undefined : new URL(address).origin;
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith('file:') && !url.startsWith('data:') && (origin === undefined || new URL(url).origin !== origin)) requests.push(url);
    });
    await page.goto(address ?? pathToFileURL(join(folder, 'report.html')).href);
    // vega-embed renders asynchronously: wait until every chart container holds a drawing.
    await page
      .waitForFunction((n) => document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length >= n, chartCount, { timeout: 30_000 })
      .catch(async (e: unknown) => {
        // Say why: the console, and what the chart containers show instead of a drawing.
        const shown = await page.locator('.vis').evaluateAll((nodes) => nodes.map((n) => n.textContent).filter((t) => t !== ''));
        throw new Error(`${e instanceof Error ? e.message : String(e)}\nconsole: ${problems.join(' | ')}\ncharts: ${shown.join(' | ')}`);
      });
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
    if (alsoCheck !== undefined) await alsoCheck(page);
  } finally {
    await page.close();
  }
}

let browser: Promise<Browser> | undefined;

/** One headless Chromium for all the pages a test file opens (launching it takes about a second). */
export function openBrowser(): Promise<Browser> {
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
