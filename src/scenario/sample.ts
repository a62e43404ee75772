/**
 * Drawing one value from a parameter distribution with a run's RNG.
 *
 * Every draw uses a fixed number of uniforms except beta (Marsaglia–Tsang gamma rejection), so
 * a run's random stream depends only on its seed. Truncated normal by inversion:
 * x = μ + σ Φ⁻¹(Φ(a) + u (Φ(b) − Φ(a))) (Robert 1995 describes the alternatives);
 * triangular by inverting its CDF; beta as X/(X+Y) with X ~ Γ(α), Y ~ Γ(β); a choice by one
 * uniform against the cumulative probabilities of its alternatives, in the model's order.
 */
import { standardNormalQuantile } from './normal-quantile.ts';
import { standardNormalCdf } from './distribution-math.ts';
import type { ChoiceDistribution, Distribution } from './param.ts';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** A standard normal draw from two uniforms (Box–Muller). */
export function standardNormal(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Γ(shape, 1) by Marsaglia & Tsang (2000), with the boost u^(1/shape) for shape < 1. */
function gamma(shape: number, rng: Rng): number {
  if (shape < 1) return gamma(shape + 1, rng) * Math.pow(1 - rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleDistribution(d: Distribution, rng: Rng): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng();
    case 'bernoulli':
      return rng() < d.p ? d.ifTrue : d.ifFalse;
    case 'triangular': {
      const u = rng();
      const { min: a, mode: c, max: b } = d;
      const f = (c - a) / (b - a);
      return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
    }
    case 'normal': {
      const lo = standardNormalCdf((d.min - d.mean) / d.sd);
      const hi = standardNormalCdf((d.max - d.mean) / d.sd);
      const x = d.mean + d.sd * standardNormalQuantile(lo + (hi - lo) * rng());
      // Inversion is exact up to the error function's approximation; keep the bounds strict.
      return Math.min(d.max, Math.max(d.min, Number.isFinite(x) ? x : (d.min + d.max) / 2));
    }
    case 'beta': {
      const x = gamma(d.alpha, rng);
      const y = gamma(d.beta, rng);
      return d.min + (d.max - d.min) * (x / (x + y));
    }
    case 'choice':
      return sampleChoice(d, rng());
  }
}

/** The alternative's value at cumulative probability u (in the model's order; probabilities sum to 1 ± 1e-6). */
function sampleChoice(d: ChoiceDistribution, u: number): number {
  const values = d.values;
  let last = NaN;
  let cumulative = 0;
  let total = 0;
  for (const name in d.choice) total += d.choice[name];
  const target = u * total;
  for (const name in d.choice) {
    const weight = d.choice[name];
    if (!(weight > 0)) continue;
    last = values !== undefined && Object.hasOwn(values, name) ? values[name] : Number(name);
    cumulative += weight;
    if (target < cumulative) return last;
  }
  return last;
}
