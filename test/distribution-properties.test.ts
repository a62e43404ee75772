/**
 * Property tests of the parameter distributions: for thousands of random parameter sets that
 * validation accepts — extreme ones included: beta shapes from 1e-6 to 1e6, normals truncated
 * 10 sd into a tail or to intervals 1e-12 sd wide, triangulars with the mode on a bound, ranges
 * from 1e-12 to 1e8 wide — every draw is finite and inside the support, the mean of the draws
 * agrees with the closed-form mean, and the draws' CDF values (probability integral transform,
 * from closed forms or numerical integration independent of the samplers) are uniform by a
 * Kolmogorov–Smirnov test over all sets together.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { param } from '../src/scenario/param.ts';
import type { Distribution } from '../src/scenario/param.ts';
import { sampleDistribution, type Rng } from '../src/scenario/sample.ts';
import { distributionQuantile } from '../src/scenario/distribution-quantile.ts';
import { regularizedIncompleteBeta } from '../src/scenario/incomplete-beta.ts';
import { support } from '../src/scenario/distribution-math.ts';

const SETS = 2000;
const DRAWS = 100;
/** Two-sided z beyond which a set's mean is wrong (2,000 sets: a false alarm has probability ~1e-4). */
const Z = 5.5;

const schema = param({ min: -1e9, max: 1e9 }, 'test parameter');
const gen = seedrandom.alea('distribution properties');
const uniform = (lo: number, hi: number) => lo + (hi - lo) * gen();
const logUniform = (lo: number, hi: number) => 10 ** uniform(lo, hi);

/** A location and a width that doubles can tell apart, inside ±1e9. */
function range(): { min: number; max: number } {
  for (;;) {
    const centre = uniform(-1, 1) * logUniform(-3, 8);
    const width = logUniform(-12, 8);
    const min = centre - width / 2;
    const max = centre + width / 2;
    if (min < max && min >= -1e9 && max <= 1e9) return { min, max };
  }
}

interface Case {
  d: Distribution;
  mean: number;
  /** An upper bound on the variance (for the mean's z-test). */
  variance: number;
  /**
   * An upper bound on |skewness|: the z-test of a mean of 100 draws is sound only when the draws
   * are not too skewed (a beta with one tiny shape, a bernoulli with p = 0.001 are tested by the
   * CDF or not at all).
   */
  skewness: number;
  /** The CDF, or undefined where the draws are too close to atoms for a PIT (beta shapes < 0.05). */
  cdf?: (x: number) => number;
}

function uniformCase(): Case {
  const { min, max } = range();
  return { d: { dist: 'uniform', min, max }, mean: (min + max) / 2, variance: (max - min) ** 2 / 12, skewness: 0, cdf: (x) => (x - min) / (max - min) };
}

function triangularCase(): Case {
  const { min: a, max: b } = range();
  const r = gen();
  const c = r < 0.3 ? a : r < 0.6 ? b : a + (b - a) * gen();
  const cdf = (x: number) => (x <= c ? (c === a ? 0 : (x - a) ** 2 / ((b - a) * (c - a))) : 1 - (c === b ? 0 : (b - x) ** 2 / ((b - a) * (b - c))));
  return {
    d: { dist: 'triangular', min: a, mode: c, max: b },
    mean: (a + b + c) / 3,
    variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18,
    skewness: 0.6,
    cdf,
  };
}

function betaCase(): Case {
  const extremes = [1e-6, 1e-3, 0.05, 1, 1e6];
  const shape = () => (gen() < 0.15 ? extremes[Math.floor(gen() * extremes.length)] : logUniform(-6, 6));
  const alpha = shape();
  const beta = shape();
  const { min, max } = range();
  const m = alpha / (alpha + beta);
  const variance = ((alpha * beta) / ((alpha + beta) ** 2 * (alpha + beta + 1))) * (max - min) ** 2;
  // Mass within 1e-12 of an end rounds onto the end itself (doubles near 1 are 1.1e-16 apart): such
  // draws are exact to double precision but not continuous, so they are not tested against the CDF.
  const edge = 1e-12;
  const atoms =
    Math.min(alpha, beta) < 0.05 || regularizedIncompleteBeta(edge, alpha, beta) > 1e-3 || 1 - regularizedIncompleteBeta(1 - edge, alpha, beta) > 1e-3;
  const skewness = Math.abs((2 * (beta - alpha) * Math.sqrt(alpha + beta + 1)) / ((alpha + beta + 2) * Math.sqrt(alpha * beta)));
  return {
    d: { dist: 'beta', alpha, beta, min, max },
    mean: min + (max - min) * m,
    variance,
    skewness,
    cdf: atoms ? undefined : (x) => regularizedIncompleteBeta((x - min) / (max - min), alpha, beta),
  };
}

/**
 * The normal truncated to [α, β] (standardized) by Simpson's rule on exp(−(t² − t0²)/2), t0 the
 * point of the interval nearest 0 (so nothing underflows): its mean and a CDF table.
 */
function truncatedNormalByIntegration(alpha: number, beta: number) {
  const t0 = Math.min(Math.max(0, alpha), beta);
  const lo = Math.max(alpha, t0 - 40);
  const hi = Math.min(beta, t0 + 40);
  const steps = 2000;
  const h = (hi - lo) / steps;
  const density = (t: number) => Math.exp(-((t - t0) * (t + t0)) / 2);
  const cumulative = new Float64Array(steps + 1);
  let moment = 0;
  for (let k = 0; k < steps; k++) {
    const t = lo + k * h;
    const [f0, f1, f2] = [density(t), density(t + h / 2), density(t + h)];
    cumulative[k + 1] = cumulative[k] + (h / 6) * (f0 + 4 * f1 + f2);
    moment += (h / 6) * (t * f0 + 4 * (t + h / 2) * f1 + (t + h) * f2);
  }
  const mass = cumulative[steps];
  const cdf = (t: number) => {
    if (!(h > 0)) return 0.5;
    const at = Math.min(steps, Math.max(0, (t - lo) / h));
    const k = Math.min(steps - 1, Math.floor(at));
    return (cumulative[k] + (at - k) * (cumulative[k + 1] - cumulative[k])) / mass;
  };
  return { mean: h > 0 ? moment / mass : lo, cdf };
}

function normalCase(): Case {
  for (;;) {
    const sd = logUniform(-6, 6);
    // Validation keeps the mean within 3 sd of [min, max]: α ≤ 3 and β ≥ −3 (either way round).
    let a = uniform(-10, 3);
    let b = a + logUniform(-12, 2);
    if (b < -3) continue;
    if (gen() < 0.5) [a, b] = [-b, -a];
    const mean = uniform(-1, 1) * logUniform(-3, 5);
    const min = mean + a * sd;
    const max = mean + b * sd;
    if (!(min < max) || min < -1e9 || max > 1e9) continue;
    // The interval as the sampler standardizes it (rounding may move it by an ulp).
    const alpha = (min - mean) / sd;
    const beta = (max - mean) / sd;
    const exact = truncatedNormalByIntegration(alpha, beta);
    return {
      d: { dist: 'normal', mean, sd, min, max },
      mean: mean + sd * exact.mean,
      // Truncation never widens a normal, and nothing on [min, max] varies more than (range/2)².
      variance: Math.min(sd * sd, ((max - min) / 2) ** 2),
      // From a uniform (a sliver) to an exponential (far in a tail), a truncated normal's |skewness| stays below 2.
      skewness: 2,
      // Standardized through [min, max] itself: (x − mean)/sd would lose the digits a narrow interval needs.
      cdf: (x) => exact.cdf(alpha + ((x - min) / (max - min)) * (beta - alpha)),
    };
  }
}

function bernoulliCase(): Case {
  const r = gen();
  const p = r < 0.1 ? 0 : r < 0.2 ? 1 : gen();
  const { min: ifFalse, max: ifTrue } = range();
  const skewness = p === 0 || p === 1 ? 0 : Math.abs(1 - 2 * p) / Math.sqrt(p * (1 - p));
  return { d: { dist: 'bernoulli', p, ifTrue, ifFalse }, mean: p * ifTrue + (1 - p) * ifFalse, variance: p * (1 - p) * (ifTrue - ifFalse) ** 2, skewness };
}

/** Kolmogorov–Smirnov distance of `values` (in [0, 1]) from the uniform distribution. */
function ksDistance(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  let d = 0;
  sorted.forEach((v, i) => {
    d = Math.max(d, (i + 1) / sorted.length - v, v - i / sorted.length);
  });
  return d;
}

const makers: Record<string, () => Case> = { uniform: uniformCase, triangular: triangularCase, normal: normalCase, beta: betaCase, bernoulli: bernoulliCase };

describe.each(Object.keys(makers))('%s: thousands of random valid parameter sets', (kind) => {
  it('every draw is finite and in the support; the means match the closed form; the draws follow the CDF', () => {
    const rng = seedrandom.alea(`draws ${kind}`);
    const pit: number[] = [];
    let checkedMeans = 0;
    for (let s = 0; s < SETS; s++) {
      const c = makers[kind]();
      const parsed = schema.safeParse(c.d);
      expect(parsed.success, `${JSON.stringify(c.d)}: ${parsed.error?.message}`).toBe(true);
      const d = parsed.data as Distribution;
      const [lo, hi] = support(d);
      // A range only a few doubles wide cannot hold a continuous distribution: its draws are
      // checked for finiteness, support and mean, not against the continuous CDF.
      const continuous = (hi - lo) / (Math.max(Math.abs(lo), Math.abs(hi)) * Number.EPSILON) > 1e4;
      let sum = 0;
      for (let k = 0; k < DRAWS; k++) {
        const x = sampleDistribution(d, rng);
        if (!(Number.isFinite(x) && x >= lo && x <= hi)) expect.fail(`${JSON.stringify(d)} drew ${x}, outside [${lo}, ${hi}]`);
        sum += x;
        if (c.cdf !== undefined && continuous) pit.push(Math.min(1, Math.max(0, c.cdf(x))));
      }
      // The mean of 100 draws is near normal when the skewness of the draws over √100 is small.
      if (c.skewness / Math.sqrt(DRAWS) > 0.2) continue;
      const scale = Math.max(Math.abs(lo), Math.abs(hi));
      const tolerance = Z * Math.sqrt(c.variance / DRAWS) + 1e-9 * scale;
      if (Math.abs(sum / DRAWS - c.mean) > tolerance)
        expect.fail(`${JSON.stringify(d)}: mean of ${DRAWS} draws ${sum / DRAWS}, expected ${c.mean} ± ${tolerance}`);
      checkedMeans++;
    }
    expect(checkedMeans).toBeGreaterThan(SETS * 0.25);
    if (kind !== 'bernoulli') {
      expect(pit.length).toBeGreaterThan(SETS * DRAWS * 0.2);
      // KS critical value at level 1e-4: √(ln(2/α) / 2n).
      expect(ksDistance(pit)).toBeLessThan(Math.sqrt(Math.log(2 / 1e-4) / (2 * pit.length)));
    }
  });
});

describe('the examples that returned garbage', () => {
  const draw = (d: Distribution, n: number, seed: string) => {
    const rng = seedrandom.alea(seed);
    return Array.from({ length: n }, () => sampleDistribution(d, rng));
  };

  it('beta with tiny shapes (1e-3, 1e-3) on [0.8, 1]: finite, inside, mean ≈ 0.9 (it was NaN)', () => {
    const xs = draw({ dist: 'beta', alpha: 1e-3, beta: 1e-3, min: 0.8, max: 1 }, 4000, 'tiny');
    expect(xs.every((x) => Number.isFinite(x) && x >= 0.8 && x <= 1)).toBe(true);
    // A two-point distribution in effect: half the mass at each end; sd of the mean 0.1/√4000.
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.9)).toBeLessThan((5 * 0.1) / Math.sqrt(4000));
  });

  it('beta with huge shapes (1e6, 1e6) on [0.8, 1]: ≈ 0.9 with sd 0.2·√(1/8e6)', () => {
    const xs = draw({ dist: 'beta', alpha: 1e6, beta: 1e6, min: 0.8, max: 1 }, 2000, 'huge');
    const sd = 0.2 * Math.sqrt(1 / (4 * (2e6 + 1)));
    for (const x of xs) expect(Math.abs(x - 0.9)).toBeLessThan(6 * sd);
  });

  it('a normal truncated to a sliver 3 sd out draws across the sliver, not at its midpoint', () => {
    const d: Distribution = { dist: 'normal', mean: 0, sd: 1, min: 3, max: 3 + 1e-7 };
    const xs = draw(d, 1000, 'sliver');
    expect(new Set(xs).size).toBeGreaterThan(900);
    expect(xs.every((x) => x >= 3 && x <= 3 + 1e-7)).toBe(true);
  });

  it('a normal whose sd dwarfs [min, max] is uniform on it (it was a constant)', () => {
    const xs = draw({ dist: 'normal', mean: 0.5, sd: 1e300, min: 0, max: 1 }, 4000, 'flat');
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / 4000));
    expect(ksDistance(xs)).toBeLessThan(0.03);
  });
});

describe('one uniform per draw, and the quantile function is the sampler', () => {
  const cases: Distribution[] = [
    { dist: 'uniform', min: -2, max: 5 },
    { dist: 'triangular', min: 0, mode: 0, max: 1 },
    { dist: 'triangular', min: 0.3, mode: 0.42, max: 0.55 },
    { dist: 'normal', mean: 0.5, sd: 0.1, min: 0, max: 1 },
    { dist: 'normal', mean: 0, sd: 1, min: 2.9, max: 3 },
    { dist: 'normal', mean: 0, sd: 1, min: -3.0000001, max: -3 },
    { dist: 'bernoulli', p: 0.35, ifTrue: 0.6, ifFalse: 0 },
  ];
  it.each(cases.map((d) => [JSON.stringify(d), d] as const))('%s', (_, d) => {
    for (const u of [0, 1e-12, 0.1, 0.5, 0.9, 1 - 1e-12]) {
      let calls = 0;
      const rng: Rng = () => {
        calls++;
        return u;
      };
      const x = sampleDistribution(d, rng);
      expect(calls).toBe(1);
      if (d.dist !== 'bernoulli') expect(x).toBe(distributionQuantile(d, u));
    }
  });
});
