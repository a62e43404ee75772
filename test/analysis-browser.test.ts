/**
 * The comparison, sweep and sensitivity reports in a real browser, as report-browser.test.ts does for a run:
 * Debian's headless Chromium (driven by playwright-core, never a downloaded browser) opens each
 * report.html from file://, offline, and every chart must render with no console error and no
 * network request. Skipped with a message where /usr/bin/chromium is absent, except in CI.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`analysis-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`);

it.runIf(process.env.CI === 'true')('CI has Chromium for the browser test', () => {
  expect(existsSync(CHROMIUM)).toBe(true);
});

/** Opens a folder's report.html and checks that every chart in charts/ was drawn, with no console error. */
async function expectEveryChartRendered(folder: string, minHeight = 50): Promise<void> {
  const chartCount = readdirSync(join(folder, 'charts')).filter((f) => f.endsWith('.vl.json')).length;
  expect(chartCount).toBeGreaterThan(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
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
    await browser.close();
  }
}

function parley(...args: string[]): void {
  const run = spawnSync(process.execPath, ['bin/parley.mjs', ...args], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

describe.skipIf(!haveChromium)('analysis reports in headless Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-analysis-report-'));

  it('a one-parameter sweep (curves) renders every chart offline with no console errors', async () => {
    const out = join(work, 'curve');
    parley('sweep', '--param', 'actors.russia.reservation=0.38:0.7:4', '--runs', '1000', '--seed', 'browser', '--out', out);
    await expectEveryChartRendered(out);
  });

  it('a two-parameter sweep (heatmaps) renders every chart', async () => {
    const out = join(work, 'grid');
    parley('sweep', '--param', 'actors.russia.reservation=0.38:0.7:3', '--param', 'negotiation.rounds=10:30:3', '--runs', '400', '--seed', 'browser', '--out', out);
    await expectEveryChartRendered(out);
  });

  it('a comparison of every mechanism (parley run --mechanism all) renders every chart, and so does each batch', async () => {
    const out = join(work, 'mechanisms');
    parley('run', '--mechanism', 'all', '--runs', '300', '--seed', 'browser', '--out', out);
    await expectEveryChartRendered(out);
    // A batch in which no run made a deal (expected-utility on the default scenario) still draws
    // every chart: those about deals as a one-line message saying there were none.
    await expectEveryChartRendered(join(out, 'expected-utility'), 15);
  });

  it('a sensitivity analysis (tornado, term swings, rank correlations) renders every chart', async () => {
    const out = join(work, 'sensitivity');
    parley('sensitivity', '--runs', '400', '--seed', 'browser', '--out', out);
    await expectEveryChartRendered(out);
  });
});
