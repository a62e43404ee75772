/**
 * report.html in a real browser: Debian's headless Chromium (driven by playwright-core, never a
 * downloaded browser) opens the report of a real run from file://, offline, and every chart must
 * render an SVG or canvas with no console error. .ci/run installs chromium; where it is absent
 * the test is skipped with a message, except in CI, where it fails.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM, closeBrowser, expectEveryChartRendered, runBrowserTests } from '../helpers/browser.ts';
import { parleyProcess } from '../helpers/cli.ts';

if (!runBrowserTests) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`);

afterAll(closeBrowser);

describe.skipIf(!runBrowserTests)('report.html in headless Chromium', () => {
  it('renders every chart offline with no console errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parley-report-')), 'run');
    // --no-charts: the report draws the specs in the browser; the SVG and PNG files are not used here (test/e2e/cli.test.ts checks them).
    const run = parleyProcess('run', '--runs', '1200', '--seed', 'browser', '--no-charts', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    await expectEveryChartRendered(out);
  });

  it('leads with the answer and carries its assumptions: provenance, captions, charts filling their cards, a collapsible Assumptions section', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parley-report-')), 'tweaked');
    const run = parleyProcess(
      'run',
      resolve('models/ukraine-2025.yaml'),
      '--runs',
      '600',
      '--seed',
      'browser',
      '--variant',
      'us-backstops',
      '--set',
      'actors.russia.patience=0.9',
      '--no-charts',
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    await expectEveryChartRendered(out, 50, async (page) => {
      // The header says what ran: the file by its name (no folder of this machine), the variant, the override.
      const header = await page.locator('header').innerText();
      expect(header).toContain('ukraine-2025.yaml');
      expect(header).not.toContain(process.cwd());
      expect(header).toMatch(/ukraine-2025 · variant us-backstops · 1 override #[0-9a-f]{6}/);
      expect(header).toContain('--set actors.russia.patience=0.9');
      // Headline, then charts, then tables, then the assumptions, top to bottom.
      const tops = await Promise.all(
        ['.headline', 'section.charts', 'section.tables', 'section.assumptions'].map((sel) => page.locator(sel).evaluate((n) => n.getBoundingClientRect().top)),
      );
      expect([...tops].sort((a, b) => a - b)).toEqual(tops);
      // Every chart is at least nine tenths of its card's width (or 1.6 times its drawn size) and carries its caption.
      const charts = await page.locator('.vis').evaluateAll((nodes) =>
        nodes.map((n) => {
          const svg = n.querySelector('svg.marks')!;
          return { card: n.clientWidth, shown: svg.getBoundingClientRect().width, drawn: Number(svg.getAttribute('width')), text: svg.textContent };
        }),
      );
      for (const c of charts) {
        expect(c.shown).toBeGreaterThanOrEqual(Math.min(0.9 * c.card, 1.6 * c.drawn) - 1);
        expect(c.text).toContain('seed browser');
        expect(c.text).toContain('variant us-backstops');
      }
      // No chart text is shown smaller than 12 px on the page (its font size times the chart's scale).
      const smallest = await page.locator('.vis svg.marks').evaluateAll((svgs) =>
        Math.min(
          ...svgs.flatMap((svg) => {
            const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'));
            return [...svg.querySelectorAll('text')].filter((t) => t.textContent !== '').map((t) => scale * parseFloat(getComputedStyle(t).fontSize));
          }),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(12);
      // The Assumptions section starts closed and opens on the actors, their weights and the model's source.
      const actors = page.locator('#model-actors');
      expect(await actors.isVisible()).toBe(false);
      await page.locator('.assumptions summary').click();
      expect(await actors.isVisible()).toBe(true);
      const assumptions = await page.locator('section.assumptions').innerText();
      for (const text of ['Russia (Putin)', 'Ukraine (Zelenskyy)', 'TRT World']) expect(assumptions).toContain(text);
      expect(await page.locator('#model-saliences tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('#model-parameters tbody tr').count()).toBeGreaterThan(50);
    });
  });
});
