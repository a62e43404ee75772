/**
 * Comparing batches: the difference intervals against Newcombe's published values, and
 * `parley compare` / `parley run --variant all` / `--mechanism …` end to end.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parley, type CliResult } from './helpers/cli.ts';
import { compareSummaries, meanDifference, proportionDifference } from '../src/simulation/compare.ts';
import { makeNoDealSummaryFixture, makeSummaryFixture } from './fixtures/summary-fixture.ts';
import { wilsonInterval } from '../src/simulation/wilson.ts';
import { svgToPng } from '../src/charts/render-png.ts';
import { DEFAULT_MODEL, loadModel, simulate, type Summary } from '../src/index.ts';

const work = mkdtempSync(join(tmpdir(), 'parley-compare-'));

describe('the difference of two shares', () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score, no continuity correction).
  const published: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
  ];
  it.each(published)('%i/%i − %i/%i has the published 95%% interval', (a, n, b, m, low, high) => {
    const d = proportionDifference(wilsonInterval(a, n), wilsonInterval(b, m));
    expect(d.estimate).toBeCloseTo(a / n - b / m, 12);
    expect(d.low).toBeCloseTo(low, 4);
    expect(d.high).toBeCloseTo(high, 4);
    expect(d.beyondMonteCarloError).toBe(low > 0 || high < 0);
  });

  it('the difference of two means has the normal interval', () => {
    const d = meanDifference(0.5, 0.005, 0.47, 0.01);
    expect(d.estimate).toBeCloseTo(0.03, 12);
    // 1.96 √(0.005² + 0.01²) = 0.0219 < 0.03
    expect(d.high - d.estimate).toBeCloseTo(1.959964 * Math.sqrt(0.000025 + 0.0001), 6);
    expect(d.beyondMonteCarloError).toBe(true);
    expect(meanDifference(0.5, 0.02, 0.47, 0.02).beyondMonteCarloError).toBe(false);
  });
});

describe('compareSummaries', () => {
  it('gives no verdict on utilities for a summary without their spread (written by an older parley)', () => {
    const old = makeSummaryFixture();
    for (const a of old.actors) delete (a as Partial<typeof a>).sdUtility;
    const c = compareSummaries([
      { label: 'old', folder: null, summary: old },
      { label: 'new', folder: null, summary: makeSummaryFixture() },
    ]);
    for (const actor of c.actors) expect(actor.utility[1].vsBaseline).toBeNull();
    // Shares need no spread: their verdicts stand.
    expect(c.outcomes.find((o) => o.batch === 'new' && o.outcome === 'deal')!.vsBaseline).not.toBeNull();
  });

  it('leaves a batch without deals out of the agreed terms', () => {
    const c = compareSummaries([
      { label: 'deals', folder: null, summary: makeSummaryFixture() },
      { label: 'none', folder: null, summary: makeNoDealSummaryFixture() },
    ]);
    for (const term of c.terms) expect(term.options.some((o) => o.batch === 'none')).toBe(false);
  });
});

describe('parley run --variant all', () => {
  const out = join(work, 'variants');
  let run: CliResult;
  beforeAll(async () => {
    // --no-charts: five batches of drawings cost more than the rest of this file; the comparison's
    // drawings are checked on `parley compare` below (the same writer), the batches' in cli.test.ts.
    run = await parley('run', '--variant', 'all', '--runs', '1000', '--seed', '3', '--no-charts', '--out', out);
  });

  it('runs the base scenario and every variant with the same seed, then compares them', () => {
    expect(run.code).toBe(0);
    const scenario = readFileSync('models/ukraine-2025.yaml', 'utf8');
    const variants = [...scenario.slice(scenario.indexOf('\nvariants:')).matchAll(/^ {2}([a-z][a-z0-9-]*):$/gm)].map((m) => m[1]);
    expect(variants.length).toBeGreaterThanOrEqual(2);
    const entries = readdirSync(out).sort();
    for (const name of ['base', ...variants, 'comparison.json', 'report.html', 'manifest.json', 'charts']) expect(entries).toContain(name);
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(comparison.baseline).toBe('base');
    expect(comparison.commonRandomNumbers).toBe(true);
    // Each batch in the comparison is its folder's summary; each difference is the difference of shares.
    const base = JSON.parse(readFileSync(join(out, 'base', 'summary.json'), 'utf8'));
    for (const v of variants) {
      const summary = JSON.parse(readFileSync(join(out, v, 'summary.json'), 'utf8'));
      const manifest = JSON.parse(readFileSync(join(out, v, 'manifest.json'), 'utf8'));
      expect(manifest.model.variant).toBe(v);
      expect(summary.seed).toBe('3');
      const deal = comparison.outcomes.find((o: { batch: string; outcome: string }) => o.batch === v && o.outcome === 'deal');
      expect(deal.share.count).toBe(summary.outcomes.deal.count);
      expect(deal.vsBaseline.estimate).toBeCloseTo(summary.outcomes.deal.share - base.outcomes.deal.share, 12);
    }
    expect(run.stdout).toMatch(/Against base \(deal in/);
    // --no-charts reaches every batch and the comparison: the specs (report.html draws them), no SVG or PNG.
    expect(readdirSync(join(out, 'charts')).sort()).toEqual(['compare-outcomes.vl.json', 'compare-terms.vl.json', 'compare-utilities.vl.json']);
    for (const batch of ['base', ...variants]) expect(readdirSync(join(out, batch, 'charts')).every((f) => f.endsWith('.vl.json'))).toBe(true);
  });

  it('a variant that makes Russia a hardliner ends every run without a deal, beyond the Monte Carlo error', () => {
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    const deal = comparison.outcomes.find((o: { batch: string; outcome: string }) => o.batch === 'russia-hardliner' && o.outcome === 'deal');
    expect(deal.share.count).toBe(0);
    expect(deal.vsBaseline.beyondMonteCarloError).toBe(true);
  });
});

describe('the change in P(deal) between batches of the same seed and runs', () => {
  const batches = new Map<string, Promise<{ summary: Summary; deals: number[] }>>();
  /** A batch's summary and, from its runs.csv rows, whether each run ended in a deal (each simulated once for the tests below). */
  function batch(set: string[]) {
    const key = set.join(' ');
    if (!batches.has(key)) batches.set(key, simulateBatch(set));
    return batches.get(key)!;
  }
  async function simulateBatch(set: string[]) {
    let rows = '';
    const { summary } = await simulate(loadModel(DEFAULT_MODEL, { set }).compiled, { seed: 'paired', runs: 3000, inProcess: true, onRows: (r) => (rows += r) });
    const deals = rows
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => (line.split(',')[1] === 'deal' ? 1 : 0));
    return { summary, deals };
  }

  it('is paired run by run: its error is the per-run differences’ (from runs.csv), narrower than independent samples’', async () => {
    const base = await batch([]);
    const patient = await batch(['actors.russia.patience=0.99']);
    expect(base.deals).toHaveLength(3000);
    // The textbook paired interval: the mean and standard error of the run-by-run differences.
    const d = patient.deals.map((x, i) => x - base.deals[i]);
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const se = Math.sqrt(d.reduce((a, x) => a + (x - mean) ** 2, 0) / (d.length - 1) / d.length);
    const c = compareSummaries([
      { label: 'base', folder: null, summary: base.summary },
      { label: 'patient', folder: null, summary: patient.summary },
    ]);
    const deal = c.outcomes.find((o) => o.batch === 'patient' && o.outcome === 'deal')!.vsBaseline!;
    expect(deal.method).toBe('paired');
    expect(deal.estimate).toBeCloseTo(mean, 12);
    // Estimated from ~200 blocks of runs rather than 3,000 runs: within a quarter of the per-run figure.
    const half = (deal.high - deal.low) / 2;
    expect(half / (1.96 * se)).toBeGreaterThan(0.75);
    expect(half / (1.96 * se)).toBeLessThan(1.33);
    const independent = proportionDifference(patient.summary.outcomes.deal, base.summary.outcomes.deal);
    expect(independent.method).toBe('independent');
    expect(deal.high - deal.low).toBeLessThan(independent.high - independent.low);
    // Other outcomes keep the independent-sample interval; the headline says which is which.
    expect(c.outcomes.filter((o) => o.batch === 'patient' && o.outcome !== 'deal').every((o) => o.vsBaseline!.method === 'independent')).toBe(true);
    expect(c.headline.join(' ')).toMatch(/change in P\(deal\) is measured run by run/);
  });

  it('falls back to the independent interval when no run block changed, when the batch is short, or without traces', async () => {
    const dealOf = (first: Summary, second: Summary) =>
      compareSummaries([
        { label: 'first', folder: null, summary: first },
        { label: 'second', folder: null, summary: second },
      ]).outcomes.find((o) => o.batch === 'second' && o.outcome === 'deal')!.vsBaseline!;
    const { summary } = await batch([]);
    // The same runs twice: a zero spread says nothing changed here, not that the change is known to be 0.
    const same = dealOf(summary, structuredClone(summary));
    expect(same.method).toBe('independent');
    expect(same.high - same.low).toBeGreaterThan(0.01);
    // 20 runs: 20 blocks of one run, too few for the paired interval's normal approximation.
    const short = (set: string[]) => simulate(loadModel(DEFAULT_MODEL, { set }).compiled, { seed: 'short', runs: 20, inProcess: true });
    expect(dealOf((await short([])).summary, (await short(['actors.russia.patience=0.99'])).summary).method).toBe('independent');
    // A summary.json without its convergence trace (written by hand) is compared, unpaired.
    const untraced = Object.fromEntries(Object.entries(summary).filter(([key]) => key !== 'convergence')) as unknown as Summary;
    expect(dealOf(untraced, summary).method).toBe('independent');
  });
});

describe('parley compare', () => {
  it('finds no difference beyond the Monte Carlo error between two seeds of the same scenario', async () => {
    const a = join(work, 'seed-a');
    const b = join(work, 'seed-b');
    expect((await parley('run', '--runs', '2000', '--seed', 'a', '--no-charts', '--out', a)).code).toBe(0);
    expect((await parley('run', '--runs', '2000', '--seed', 'b', '--no-charts', '--out', b)).code).toBe(0);
    const out = join(work, 'a-vs-b');
    const r = await parley('compare', a, b, '--out', out);
    expect(r.code).toBe(0);
    const comparison = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8'));
    expect(comparison.commonRandomNumbers).toBe(false);
    const deal = comparison.outcomes.find((o: { batch: string; outcome: string }) => o.batch === 'seed-b' && o.outcome === 'deal');
    expect(deal.vsBaseline.beyondMonteCarloError).toBe(false);
    expect(deal.vsBaseline.method).toBe('independent');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('compare-outcomes');
    for (const chart of ['compare-outcomes', 'compare-terms', 'compare-utilities']) {
      expect(readFileSync(join(out, 'charts', `${chart}.svg`), 'utf8')).toMatch(/^<svg/);
      expect(existsSync(join(out, 'charts', `${chart}.png`))).toBe(true);
    }
    // parley view lists the comparison beside the run folders.
    const view = await parley('view', '--runs-dir', work);
    expect(view.stdout).toMatch(/run folders and \d+ other reports? listed/);
    expect(readFileSync(join(work, 'index.html'), 'utf8')).toMatch(/href="a-vs-b\/report\.html">a-vs-b<\/a><\/td><td>comparison/);
  });

  it('refuses a folder that is not a finished run (exit 2) and writes nothing', async () => {
    const out = join(work, 'bad-compare');
    const r = await parley('compare', join(work, 'seed-a'), work, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/summary\.json: no such file/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unknown mechanism (exit 2) and writes nothing', async () => {
    const out = join(work, 'bad-mechanism');
    const r = await parley('run', '--mechanism', 'auction', '--runs', '10', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--mechanism: expected one of alternating-offers, .*, or all; got "auction"/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('PNG charts', () => {
  it('draw their text (a font is found)', () => {
    const svg = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-family="sans-serif" font-size="30">${text}</text></svg>`;
    const blank = svgToPng(svg(''));
    const written = svgToPng(svg('parley'));
    expect(Buffer.from(written).equals(Buffer.from(blank))).toBe(false);
  });
});
