/**
 * report.html in a real browser: Debian's headless Chromium (driven by playwright-core, never a
 * downloaded browser) opens the report of a real run from file://, offline, and every chart must
 * render an SVG or canvas with no console error. .ci/run installs chromium; where it is absent
 * the test is skipped with a message, except in CI, where it fails.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM, closeBrowser, expectEveryChartRendered, runBrowserTests } from '../helpers/browser.ts';
import { parleyProcess } from '../helpers/cli.ts';

if (!runBrowserTests) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`);

afterAll(closeBrowser);

describe.skipIf(!runBrowserTests)('report.html in headless Chromium', () => {
  it('renders every chart offline with no console errors', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'parley-report-')), 'run');
    const run = parleyProcess('run', '--runs', '1200', '--seed', 'browser', '--out', out);
    expect(run.code, run.stderr).toBe(0);
    await expectEveryChartRendered(out);
  });
});
