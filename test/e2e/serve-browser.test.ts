/**
 * A report as `parley view --serve` serves it, in headless Chromium: under the server's
 * Content-Security-Policy every chart must still be drawn, with no console error (a blocked inline
 * script or style, an eval Vega needed, would show as one) and no request beyond the server.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../src/cli/serve-folder.ts';
import { closeBrowser, expectEveryChartRendered, runBrowserTests } from '../helpers/browser.ts';

afterAll(closeBrowser);

describe.skipIf(!runBrowserTests)('a served report in headless Chromium', () => {
  it('draws every chart under the Content-Security-Policy', async () => {
    const runs = mkdtempSync(join(tmpdir(), 'parley-serve-browser-'));
    // --no-charts: the page draws the specs; the SVG and PNG files would not be looked at.
    const run = spawnSync(process.execPath, ['bin/parley.mjs', 'run', '--runs', '1200', '--seed', 'served', '--no-charts', '--out', join(runs, 'batch')], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const served = await serveFolder(runs, 0);
    try {
      const response = await fetch(`${served.url}batch/`);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      await expectEveryChartRendered(join(runs, 'batch'), 50, `${served.url}batch/`);
      await expectEveryChartRendered(join(runs, 'batch'), 50, `${served.url}batch/report.html`);
    } finally {
      await served.close();
    }
  });
});
