/**
 * The comparison, sweep and sensitivity reports in a real browser, as report-browser.test.ts does for a run:
 * Debian's headless Chromium (driven by playwright-core, never a downloaded browser) opens each
 * report.html from file://, offline, and every chart must render with no console error and no
 * network request. Skipped with a message where /usr/bin/chromium is absent, except in CI.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM, closeBrowser, expectEveryChartRendered, runBrowserTests } from '../helpers/browser.ts';
import { parley as parleyInProcess } from '../helpers/cli.ts';

if (!runBrowserTests) console.warn(`analysis-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`);

/** Writes the folder through the CLI's main(argv) in this process (the browser is what is tested here, so runs are few). */
async function parley(...args: string[]): Promise<void> {
  const run = await parleyInProcess(...args);
  expect(run.code, run.stderr).toBe(0);
}

afterAll(closeBrowser);

describe.skipIf(!runBrowserTests)('analysis reports in headless Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-analysis-report-'));

  it('a one-parameter sweep (curves) renders every chart offline with no console errors', async () => {
    const out = join(work, 'curve');
    await parley('sweep', '--param', 'actors.russia.reservation=0.38:0.7:4', '--runs', '300', '--seed', 'browser', '--out', out);
    await expectEveryChartRendered(out);
  });

  it('a two-parameter sweep (heatmaps) renders every chart', async () => {
    const out = join(work, 'grid');
    await parley(
      'sweep',
      '--param',
      'actors.russia.reservation=0.38:0.7:3',
      '--param',
      'negotiation.rounds=10:30:3',
      '--runs',
      '200',
      '--seed',
      'browser',
      '--out',
      out,
    );
    await expectEveryChartRendered(out);
  });

  it('a comparison of every mechanism (parley run --mechanism all) renders every chart, and so does each batch', async () => {
    const out = join(work, 'mechanisms');
    await parley('run', '--mechanism', 'all', '--runs', '300', '--seed', 'browser', '--no-charts', '--out', out);
    await expectEveryChartRendered(out, 50, async (page) => {
      // What differs between the batches leads the page: the mechanism, batch by batch.
      const differences = page.locator('#differences');
      expect(await differences.isVisible()).toBe(true);
      expect(await differences.innerText()).toMatch(/mechanism\s+alternating-offers/);
    });
    // A batch in which no run made a deal (expected-utility on the default scenario) still draws
    // every chart: those about deals as a one-line message saying there were none.
    await expectEveryChartRendered(join(out, 'expected-utility'), 15);
  });

  it('a sensitivity analysis (tornado, term swings, rank correlations) renders every chart', async () => {
    const out = join(work, 'sensitivity');
    // 100 runs per arm: the charts are what is checked here, and 208 arms of 400 runs took 80 % of this file's time.
    await parley('sensitivity', '--runs', '100', '--seed', 'browser', '--set', 'negotiation.rounds=30', '--out', out);
    await expectEveryChartRendered(out, 50, async (page) => {
      // The analysis says what it ran, in its header, in every chart's caption and in its Assumptions.
      expect(await page.locator('header').innerText()).toContain('--set negotiation.rounds=30');
      for (const text of await page.locator('.vis svg.marks').evaluateAll((nodes) => nodes.map((n) => n.textContent)))
        expect(text).toMatch(/sensitivity of \d+ batches/);
      await page.locator('.assumptions summary').click();
      expect(await page.locator('#model-actors').isVisible()).toBe(true);
    });
  });
});
