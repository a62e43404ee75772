/**
 * Quantile functions against closed forms: uniform, triangular, the half-normal (a normal
 * truncated at its mean), beta cases with explicit quantiles (Beta(a, 1), Beta(1, b), the arcsine
 * law Beta(½, ½)), bernoulli and fixed; the regularized incomplete beta function against its
 * closed forms; and each quantile against the sampler it must match (the share of draws below
 * Q(q) is q).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { betaQuantile, distributionQuantile } from '../src/scenario/distribution-quantile.ts';
import { regularizedIncompleteBeta } from '../src/scenario/incomplete-beta.ts';
import { standardNormalQuantile } from '../src/scenario/normal-quantile.ts';
import type { Distribution } from '../src/scenario/param.ts';
import { sampleDistribution } from '../src/scenario/sample.ts';

const levels = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99];

describe('regularized incomplete beta I_x(a, b)', () => {
  it('matches its closed forms', () => {
    for (const x of [0.001, 0.05, 0.3, 0.5, 0.77, 0.999]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(regularizedIncompleteBeta(x, 3, 1)).toBeCloseTo(x ** 3, 13);
      expect(regularizedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 13);
      expect(regularizedIncompleteBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 13);
      expect(regularizedIncompleteBeta(x, 0.5, 0.5)).toBeCloseTo((2 / Math.PI) * Math.asin(Math.sqrt(x)), 12);
      // Symmetry: I_x(a, b) = 1 − I_{1−x}(b, a).
      expect(regularizedIncompleteBeta(x, 2.5, 7)).toBeCloseTo(1 - regularizedIncompleteBeta(1 - x, 7, 2.5), 13);
    }
    expect(regularizedIncompleteBeta(0.5, 300, 300)).toBeCloseTo(0.5, 12);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('distribution quantiles', () => {
  it('uniform, triangular, fixed', () => {
    for (const q of levels) {
      expect(distributionQuantile({ dist: 'uniform', min: 2, max: 6 }, q)).toBeCloseTo(2 + 4 * q, 14);
      // Symmetric triangular(0, ½, 1): √(q/2) below the mode, 1 − √((1 − q)/2) above.
      const tri = distributionQuantile({ dist: 'triangular', min: 0, mode: 0.5, max: 1 }, q);
      expect(tri).toBeCloseTo(q < 0.5 ? Math.sqrt(q / 2) : 1 - Math.sqrt((1 - q) / 2), 14);
      expect(distributionQuantile({ dist: 'fixed', value: 0.3 }, q)).toBe(0.3);
    }
  });

  it('a normal truncated at its mean is the half-normal: Q(q) = μ + σ Φ⁻¹((1 + q)/2)', () => {
    for (const q of levels) {
      const x = distributionQuantile({ dist: 'normal', mean: 1, sd: 2, min: 1, max: 1e6 }, q);
      expect(x).toBeCloseTo(1 + 2 * standardNormalQuantile((1 + q) / 2), 6);
    }
    // Untruncated in effect: the 90% quantile is μ + 1.2815516 σ.
    expect(distributionQuantile({ dist: 'normal', mean: 0, sd: 1, min: -50, max: 50 }, 0.9)).toBeCloseTo(1.2815515655, 6);
  });

  it('beta: Beta(a, 1) = q^(1/a), Beta(1, b) = 1 − (1 − q)^(1/b), Beta(½, ½) = sin²(πq/2), rescaled to [min, max]', () => {
    for (const q of levels) {
      expect(betaQuantile(q, 3, 1)).toBeCloseTo(q ** (1 / 3), 12);
      expect(betaQuantile(q, 1, 4)).toBeCloseTo(1 - (1 - q) ** (1 / 4), 12);
      expect(betaQuantile(q, 0.5, 0.5)).toBeCloseTo(Math.sin((Math.PI * q) / 2) ** 2, 12);
      expect(distributionQuantile({ dist: 'beta', alpha: 3, beta: 1, min: 10, max: 20 }, q)).toBeCloseTo(10 + 10 * q ** (1 / 3), 10);
    }
  });

  it('bernoulli: the lower value up to its probability, then the higher', () => {
    const d: Distribution = { dist: 'bernoulli', p: 0.3, ifTrue: 0.6, ifFalse: 0 };
    expect(distributionQuantile(d, 0.1)).toBe(0);
    expect(distributionQuantile(d, 0.7)).toBe(0);
    expect(distributionQuantile(d, 0.71)).toBe(0.6);
    // ifTrue below ifFalse: the lower value is "yes", with probability p.
    const reversed: Distribution = { dist: 'bernoulli', p: 0.3, ifTrue: -0.35, ifFalse: 0 };
    expect(distributionQuantile(reversed, 0.3)).toBe(-0.35);
    expect(distributionQuantile(reversed, 0.31)).toBe(0);
  });

  it('agrees with the sampler: the share of draws at or below Q(q) is q', () => {
    const rng = seedrandom.alea('quantiles');
    const n = 40_000;
    const distributions: Distribution[] = [
      { dist: 'uniform', min: 0.9, max: 0.99 },
      { dist: 'triangular', min: 0.38, mode: 0.5, max: 0.7 },
      { dist: 'normal', mean: 0.35, sd: 0.1, min: 0.2, max: 0.5 },
      { dist: 'beta', alpha: 2, beta: 5, min: 0, max: 0.2 },
      { dist: 'beta', alpha: 0.7, beta: 1.8, min: 0, max: 1 },
    ];
    for (const d of distributions) {
      const draws = Float64Array.from({ length: n }, () => sampleDistribution(d, rng));
      for (const q of [0.1, 0.5, 0.9]) {
        const x = distributionQuantile(d, q);
        const below = draws.reduce((s, v) => s + (v <= x ? 1 : 0), 0) / n;
        expect(Math.abs(below - q), `${d.dist} at ${q}`).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / n));
      }
    }
  });

  it('refuses a level outside [0, 1]', () => {
    expect(() => distributionQuantile({ dist: 'uniform', min: 0, max: 1 }, 1.2)).toThrow(RangeError);
  });
});
