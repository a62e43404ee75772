/**
 * `parley explore` in a real browser (Debian's headless Chromium through playwright-core): the
 * page runs the core in its Web Workers and must give, for the same model, `--set` lines, seed
 * and runs, byte for byte the summary.json a `parley run` folder holds — from file:// (the --out
 * file, no network at all) and served on 127.0.0.1 (no request anywhere else). Moving Russia's
 * fallback control changes P(deal) to what `parley run --set …` gives; a pinned result and the
 * change compare as `parley compare` compares the two folders; "Save run" writes the run folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { CHROMIUM, closeBrowser, openBrowser, runBrowserTests } from '../helpers/browser.ts';
import { parleyProcess as parley } from '../helpers/cli.ts';

if (!runBrowserTests) console.warn(`explore-browser.test.ts skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run does)`);

const MODEL = resolve('models/ukraine-2025.yaml');
/**
 * Runs per batch: the page splits them into chunks of 100, 100, 250 and 150 runs over its Web Workers and
 * merges them in order, `parley run` simulates them in one chunk (test/cli.test.ts shows that one
 * gives what worker threads give); equality does not need more runs, and each batch here runs up to four times.
 */
const RUNS = '600';
const SEED = 'explore';
/** Russia's fallback with its most likely value moved from 0.5 to 0.62 (the triangle's other corners kept). */
const RUSSIA_LINE = 'actors.russia.reservation=triangular(0.38, 0.62, 0.7)';

interface Watched {
  page: Page;
  problems: string[];
  requests: string[];
}

/** A page that records console errors and warnings, page errors, and every request not to `origin` (file:, data: and blob: URLs are not requests out). */
async function watchedPage(origin: string | null): Promise<Watched> {
  const page = await (await openBrowser()).newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (/^(file|data|blob):/.test(url)) return;
    if (origin === null || new URL(url).origin !== origin) requests.push(url);
  });
  return { page, problems, requests };
}

function settled(page: Page): Promise<unknown> {
  return page.waitForFunction(() => (window as unknown as { parleyExplorer?: { settled: boolean } }).parleyExplorer?.settled === true, null, {
    timeout: 60_000,
  });
}

function pageSummary(page: Page): Promise<string | null> {
  return page.evaluate(() => (window as unknown as { parleyExplorer: { summaryJson: () => string | null } }).parleyExplorer.summaryJson());
}

/** summary.json of `parley run` (spawned) with these extra arguments. */
function cliSummary(work: string, name: string, ...args: string[]): string {
  const out = join(work, name);
  const run = parley('run', MODEL, '--runs', RUNS, '--seed', SEED, '--no-charts', '--out', out, ...args);
  expect(run.code, run.stderr).toBe(0);
  return readFileSync(join(out, 'summary.json'), 'utf8');
}

/** Sets one field of Russia's fallback control as a user types it, which starts a new batch. */
async function moveRussiaFallback(page: Page, field: string, value: string): Promise<void> {
  const row = page.locator('.control[data-path="actors.russia.reservation"]');
  // Russia's group is folded at first: open it as a user would.
  const group = page.locator('details', { has: row });
  if ((await group.getAttribute('open')) === null) await group.locator('summary').click();
  const input = row.locator(`input[type=number][aria-label="${field} (number)"]`);
  await input.fill(value);
  await input.dispatchEvent('change');
}

function startServer(cwd: string, ...args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [resolve('bin/parley.mjs'), 'explore', MODEL, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  return new Promise((done, fail) => {
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
      if (m) done({ child, url: m[1] });
    });
    child.on('exit', () => fail(new Error(`exited early: ${stdout}`)));
  });
}

afterAll(closeBrowser);

describe.skipIf(!runBrowserTests)('parley explore in headless Chromium', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-explore-'));

  it('from file:// (the --out file): the same summary.json as parley run, no console error, no request at all', async () => {
    const file = join(work, 'explore.html');
    const wrote = parley('explore', MODEL, '--runs', RUNS, '--seed', SEED, '--out', file);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(readFileSync(file).length).toBeLessThan(3_000_000);
    const { page, problems, requests } = await watchedPage(null);
    try {
      await page.goto(pathToFileURL(file).href);
      await settled(page);
      expect(await pageSummary(page)).toBe(cliSummary(work, 'base'));
      // The main charts are drawn (vega-embed, inlined).
      await page.waitForFunction(() => document.querySelectorAll('#charts .vega-embed svg').length >= 4, null, { timeout: 30_000 });

      // One issue weight set, the actor's others rescaled to keep their sum: parley run's `~=`.
      const row = page.locator('.control[data-path="actors.us.salience.nato"]');
      await page.locator('details', { has: row }).locator('summary').click();
      await row.locator('select').selectOption('fixed');
      await settled(page);
      const value = row.locator('input[type=number][aria-label="value (number)"]');
      await value.fill('0.2');
      await value.dispatchEvent('change');
      await settled(page);
      expect(await page.locator('#rebalanced').textContent()).toMatch(/^Rebalanced /);
      expect(await pageSummary(page)).toBe(cliSummary(work, 'salience', '--set', 'actors.us.salience.nato~=0.2'));
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('served on 127.0.0.1: moving Russia’s fallback changes P(deal) to parley run --set’s; the pin compares as parley compare; Save run writes the folder', async () => {
    const cwd = mkdtempSync(join(work, 'served-'));
    const { child, url } = await startServer(cwd, '--runs', RUNS, '--seed', SEED);
    const { page, problems, requests } = await watchedPage(new URL(url).origin);
    try {
      await page.goto(url);
      await settled(page);
      const before = await pageSummary(page);
      expect(before).toBe(cliSummary(work, 'served-base'));
      await page.click('#pin');

      await moveRussiaFallback(page, 'mode', '0.62');
      await settled(page);
      expect(await page.evaluate(() => (window as unknown as { parleyExplorer: { state: () => { set: string[] } } }).parleyExplorer.state().set)).toEqual([
        RUSSIA_LINE,
      ]);
      // The state is in the address: a reload or a shared link gives the same batch.
      expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).getAll('set')).toEqual([RUSSIA_LINE]);
      const after = await pageSummary(page);
      const cli = cliSummary(work, 'russia', '--set', RUSSIA_LINE);
      expect(after).toBe(cli);
      const deal = (json: string) => (JSON.parse(json) as { outcomes: { deal: { share: number } } }).outcomes.deal.share;
      expect(deal(after!)).not.toBe(deal(before!));
      // Export gives the command line that reproduced it just now.
      await page.click('#export');
      expect(await page.locator('#export-set').inputValue()).toBe(`parley run ${MODEL} --runs ${RUNS} --seed ${SEED} --set '${RUSSIA_LINE}'`);
      // The headline shows the new P(deal).
      const shown = await page.locator('#headline tr[data-outcome="deal"] td').nth(1).textContent();
      expect(shown, await page.locator('#headline').innerText()).toBe(`${(100 * deal(after!)).toFixed(1)}%`);

      // Pinned against now, as `parley compare base russia` computes it.
      const compared = parley('compare', join(work, 'served-base'), join(work, 'russia'), '--json', '--out', join(work, 'comparison'));
      expect(compared.code, compared.stderr).toBe(0);
      type Outcome = { outcome: string; vsBaseline: { estimate: number; low: number; high: number } | null };
      const fromCli = JSON.parse(compared.stdout) as { comparison?: { outcomes: Outcome[] }; outcomes?: Outcome[] };
      const cliOutcomes = (fromCli.comparison ?? fromCli).outcomes!.filter((o) => o.vsBaseline !== null).map((o) => [o.outcome, o.vsBaseline]);
      const pageOutcomes = await page.evaluate(() =>
        (window as unknown as { parleyExplorer: { comparison: { outcomes: Outcome[] } | null } }).parleyExplorer
          .comparison!.outcomes.filter((o) => o.vsBaseline !== null)
          .map((o) => [o.outcome, o.vsBaseline]),
      );
      expect(cliOutcomes.map(([outcome]) => outcome)).toContain('deal');
      expect(pageOutcomes).toEqual(cliOutcomes);
      expect(await page.locator('#comparison tr[data-outcome="deal"]').count()).toBe(1);

      // A reload starts from the address: the same batch, the control still marked as edited.
      await page.reload();
      await settled(page);
      expect(await pageSummary(page)).toBe(after);
      expect(await page.locator('.control.edited').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual(['actors.russia.reservation']);
      await page.click('#pin');
      await page.click('#unpin');

      // Reset brings the file's value back, and the first batch's numbers.
      await page.locator('.control[data-path="actors.russia.reservation"] button.reset').click();
      await settled(page);
      expect(await pageSummary(page)).toBe(before);

      // Save run: a run folder in the server's working folder, through parley run's code.
      await moveRussiaFallback(page, 'mode', '0.62');
      await settled(page);
      await page.click('#save');
      await page.waitForFunction(() => (document.getElementById('saved')?.textContent ?? '') !== '', null, { timeout: 60_000 });
      const saved = (await page.locator('#saved').textContent())!;
      const folder = /^Wrote (\S+?)\/? /.exec(saved);
      expect(folder, saved).not.toBeNull();
      expect(readFileSync(join(cwd, folder![1], 'summary.json'), 'utf8')).toBe(cli);
      const manifest = JSON.parse(readFileSync(join(cwd, folder![1], 'manifest.json'), 'utf8')) as {
        model: { overrides: string[] };
        seed: string;
        runs: number;
      };
      expect(manifest.model.overrides).toEqual([RUSSIA_LINE]);
      expect([manifest.seed, manifest.runs]).toEqual([SEED, Number(RUNS)]);

      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await page.close();
      child.kill('SIGTERM');
    }
  });
});
