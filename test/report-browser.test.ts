/**
 * report.html in a real browser: Debian's headless Chromium (driven by playwright-core, never a
 * downloaded browser) opens the report of a real run from file://, offline, and every chart must
 * render an SVG or canvas with no console error. .ci/run installs chromium; where it is absent
 * the test is skipped with a message.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`);

// In CI the browser is installed by .ci/run, so its absence is a failure, not a skip.
it.runIf(process.env.CI === 'true')('CI has Chromium for the browser test', () => {
  expect(existsSync(CHROMIUM)).toBe(true);
});

describe.skipIf(!haveChromium)('report.html in headless Chromium', () => {
  it('renders every chart offline with no console errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parley-report-')), 'run');
    const run = spawnSync(process.execPath, ['bin/parley.mjs', 'run', '--runs', '1200', '--seed', 'browser', '--out', out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const chartCount = readdirSync(join(out, 'charts')).filter((f) => f.endsWith('.vl.json')).length;

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
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      // vega-embed renders asynchronously: wait until every chart container holds a drawing.
      await page.waitForFunction(
        (n) => document.querySelectorAll('.vega-embed svg, .vega-embed canvas').length >= n,
        chartCount,
        { timeout: 30_000 },
      );
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
        expect(chart.height).toBeGreaterThan(50);
        expect(chart.marks).toBeGreaterThan(5);
      }
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
