/**
 * Sampling each distribution against its closed-form mean and variance (and support), over
 * many draws from a seeded generator.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { mean, sampleVariance } from 'simple-statistics';
import { sampleDistribution } from '../src/scenario/sample.ts';
import { distributionMean, standardNormalCdf, support } from '../src/scenario/distribution-math.ts';
import type { Distribution } from '../src/scenario/param.ts';

const N = 40_000;

function draws(d: Distribution, seed: string): number[] {
  const rng = seedrandom.alea(seed);
  return Array.from({ length: N }, () => sampleDistribution(d, rng));
}

/** Closed-form means and variances (Johnson, Kotz & Balakrishnan), written out by hand. */
const cases: { d: Distribution; mean: number; variance: number }[] = [
  { d: { dist: 'uniform', min: 0.2, max: 0.8 }, mean: 0.5, variance: 0.36 / 12 },
  // Triangular: mean (a + b + c)/3, variance (a² + b² + c² − ab − ac − bc)/18.
  { d: { dist: 'triangular', min: 0, mode: 0.3, max: 1 }, mean: 1.3 / 3, variance: (0 + 0.09 + 1 - 0 - 0 - 0.3) / 18 },
  // Beta(α, β): mean α/(α + β), variance αβ/((α + β)²(α + β + 1)).
  { d: { dist: 'beta', alpha: 2, beta: 5, min: 0, max: 1 }, mean: 2 / 7, variance: (2 * 5) / (49 * 8) },
  { d: { dist: 'beta', alpha: 0.5, beta: 0.5, min: 10, max: 20 }, mean: 15, variance: 100 * (0.25 / (1 * 2)) },
  { d: { dist: 'bernoulli', p: 0.35, ifTrue: 0.6, ifFalse: 0 }, mean: 0.21, variance: 0.36 * 0.35 * 0.65 },
  // A normal truncated far from its bounds keeps its mean and variance.
  { d: { dist: 'normal', mean: 0.5, sd: 0.05, min: 0, max: 1 }, mean: 0.5, variance: 0.0025 },
];

describe('sampling a distribution', () => {
  for (const { d, mean: expectedMean, variance } of cases) {
    it(`${d.dist} ${JSON.stringify(d)}: mean, variance and support`, () => {
      const xs = draws(d, d.dist);
      const [lo, hi] = support(d);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
      const standardError = Math.sqrt(variance / N);
      expect(Math.abs(mean(xs) - expectedMean)).toBeLessThan(4 * standardError);
      expect(distributionMean(d)).toBeCloseTo(expectedMean, 4);
      expect(sampleVariance(xs) / variance).toBeGreaterThan(0.95);
      expect(sampleVariance(xs) / variance).toBeLessThan(1.05);
    });
  }

  it('truncated normal: mean μ + σ(φ(a) − φ(b))/(Φ(b) − Φ(a)) and the CDF at the mean', () => {
    // Truncated at the mean: the half-normal on [μ, ∞) has mean μ + σ √(2/π).
    const d: Distribution = { dist: 'normal', mean: 0, sd: 1, min: 0, max: 50 };
    expect(distributionMean(d)).toBeCloseTo(Math.sqrt(2 / Math.PI), 6);
    const xs = draws(d, 'half-normal');
    expect(Math.abs(mean(xs) - Math.sqrt(2 / Math.PI))).toBeLessThan(4 * Math.sqrt((1 - 2 / Math.PI) / N));
    expect(standardNormalCdf(1.959964)).toBeCloseTo(0.975, 6);
  });

  it('fixed values draw nothing from the generator', () => {
    const rng = seedrandom.alea('fixed');
    const reference = seedrandom.alea('fixed');
    expect(sampleDistribution({ dist: 'fixed', value: 0.42 }, rng)).toBe(0.42);
    expect(rng()).toBe(reference());
  });
});

describe('the standard normal quantile', () => {
  it('matches tabulated values (Abramowitz & Stegun, Table 26.5)', async () => {
    const { standardNormalQuantile } = await import('../src/scenario/normal-quantile.ts');
    expect(standardNormalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(standardNormalQuantile(0.995)).toBeCloseTo(2.575829304, 8);
    expect(standardNormalQuantile(0.5)).toBe(0);
    expect(standardNormalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
    expect(standardNormalCdf(standardNormalQuantile(0.3))).toBeCloseTo(0.3, 7);
  });
});
