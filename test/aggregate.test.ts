/**
 * The mergeable aggregate and its statistics: merging chunks in order equals folding every run
 * in one pass; Wilson intervals match published values; chunk boundaries do not depend on workers.
 */
import { describe, expect, it } from 'vitest';
import { prepareScenario, readScenarioFile, simulateInProcess } from '../src/index.ts';
import { createRunContext, simulateRange } from '../src/simulation/batch.ts';
import { mergeAggregates } from '../src/simulation/aggregate.ts';
import { planChunks } from '../src/simulation/chunks.ts';
import { wilsonInterval } from '../src/simulation/wilson.ts';

describe('Wilson score interval', () => {
  // Published 95% intervals (Newcombe 1998, Table I; Brown, Cai & DasGupta 2001).
  it('81/263 → [0.2553, 0.3662]', () => {
    const w = wilsonInterval(81, 263);
    expect(w.low).toBeCloseTo(0.2553, 4);
    expect(w.high).toBeCloseTo(0.3662, 4);
  });
  it('15/148 → [0.0624, 0.1605]', () => {
    const w = wilsonInterval(15, 148);
    expect(w.low).toBeCloseTo(0.0624, 4);
    expect(w.high).toBeCloseTo(0.1605, 4);
  });
  it('0/20 → [0, 0.1611] and 29/29 → [0.8830, 1]', () => {
    expect(wilsonInterval(0, 20).high).toBeCloseTo(0.1611, 4);
    expect(wilsonInterval(29, 29).low).toBeCloseTo(0.883, 3);
    expect(wilsonInterval(29, 29).high).toBe(1);
  });
});

describe('chunks', () => {
  it('sit at multiples of the chunk size, so any split of the runs gives the same chunks', () => {
    expect(planChunks({ firstRun: 0, endRun: 2500 }, 1000).map((c) => [c.firstRun, c.endRun])).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 2500],
    ]);
    expect(planChunks({ firstRun: 1500, endRun: 3200 }, 1000).map((c) => [c.firstRun, c.endRun])).toEqual([
      [1500, 2000],
      [2000, 3000],
      [3000, 3200],
    ]);
  });
});

describe('merging aggregates', () => {
  const loaded = readScenarioFile('models/ukraine-2025.yaml');
  if (!loaded.ok) throw new Error('default scenario invalid');
  const { compiled } = prepareScenario(loaded.scenario);

  it('in run order gives the same counts as folding every run in one range', () => {
    const ctx = createRunContext(compiled);
    const whole = simulateRange(ctx, { seed: 'merge', firstRun: 0, endRun: 600, batch: { firstRun: 0, runs: 600 } });
    const first = simulateRange(ctx, { seed: 'merge', firstRun: 0, endRun: 250, batch: { firstRun: 0, runs: 600 } });
    const second = simulateRange(ctx, { seed: 'merge', firstRun: 250, endRun: 600, batch: { firstRun: 0, runs: 600 } });
    const merged = mergeAggregates(first, second);
    expect(Array.from(merged.outcomes)).toEqual(Array.from(whole.outcomes));
    expect(Array.from(merged.packageDeals)).toEqual(Array.from(whole.packageDeals));
    expect(Array.from(merged.roundsByStatus)).toEqual(Array.from(whole.roundsByStatus));
    expect(Array.from(merged.assumptionOutcomes)).toEqual(Array.from(whole.assumptionOutcomes));
    expect(merged.traceRuns).toEqual(whole.traceRuns);
    expect(merged.traceDeals).toEqual(whole.traceDeals);
    // Sums are exact, so even they agree to the bit however the runs were split.
    expect(Array.from(merged.utilitySum)).toEqual(Array.from(whole.utilitySum));
    expect(Array.from(merged.dealUtilitySum)).toEqual(Array.from(whole.dealUtilitySum));
    expect(Array.from(merged.assumptionSum)).toEqual(Array.from(whole.assumptionSum));
  });

  it('a batch that starts past run 0 traces P(deal) over its own runs', () => {
    const agg = simulateInProcess(compiled, { seed: 'offset', firstRun: 1000, runs: 500 });
    expect(agg.traceRuns.at(-1)).toBe(500);
    expect(agg.traceDeals.at(-1)).toBe(agg.outcomes[0]);
    expect(Math.max(...agg.traceRuns)).toBe(500);
  });

  it('out of order is refused (a bug, not a silent wrong answer)', () => {
    const ctx = createRunContext(compiled);
    const a = simulateRange(ctx, { seed: 'order', firstRun: 0, endRun: 10, batch: { firstRun: 0, runs: 30 } });
    const c = simulateRange(ctx, { seed: 'order', firstRun: 20, endRun: 30, batch: { firstRun: 0, runs: 30 } });
    expect(() => mergeAggregates(a, c)).toThrow(/run order/);
  });

  it('counts add up: outcomes sum to the runs, package deals to the deals', () => {
    const agg = simulateInProcess(compiled, { seed: 'sums', runs: 1500 });
    const runs = agg.outcomes[0] + agg.outcomes[1] + agg.outcomes[2];
    expect(runs).toBe(1500);
    expect(agg.packageDeals.reduce((s, x) => s + x, 0)).toBe(agg.outcomes[0]);
    expect(agg.traceRuns[agg.traceRuns.length - 1]).toBe(1500);
    expect(agg.traceDeals[agg.traceDeals.length - 1]).toBe(agg.outcomes[0]);
  });
});

describe('exact sums', () => {
  it('do not depend on the order or grouping of additions, and match a compensated sum', async () => {
    const { addExact, exactSumScale, exactSumValue } = await import('../src/simulation/exact-sum.ts');
    const { default: seedrandom } = await import('seedrandom');
    const rng = seedrandom.alea('exact');
    const xs = Array.from({ length: 20_000 }, () => (rng() - 0.3) * 3 * 10 ** Math.floor(rng() * 3 - 1));
    const scale = exactSumScale(30);
    const forward = new Float64Array(2);
    for (const x of xs) addExact(forward, 0, x, scale);
    const backward = new Float64Array(2);
    for (const x of [...xs].reverse()) addExact(backward, 0, x, scale);
    // Two halves summed apart, then added cell by cell (as a merge does).
    const left = new Float64Array(2);
    const right = new Float64Array(2);
    xs.forEach((x, k) => addExact(k % 3 === 0 ? left : right, 0, x, scale));
    const merged = Float64Array.from([left[0] + right[0], left[1] + right[1]]);
    expect(Array.from(backward)).toEqual(Array.from(forward));
    expect(Array.from(merged)).toEqual(Array.from(forward));
    // Kahan–Babuška (Neumaier) compensated sum as the reference value.
    let sum = 0;
    let compensation = 0;
    for (const x of xs) {
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
    expect(Math.abs(exactSumValue(forward, 0, scale) - (sum + compensation))).toBeLessThan(xs.length / scale);
  });
});
