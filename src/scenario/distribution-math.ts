/**
 * Facts about a parameter distribution that need no sampling: its support, its mean, whether it
 * varies. Kept apart from the zod schema (distribution-schema.ts, param.ts) so worker threads load no validation code.
 */
import { errorFunction } from 'simple-statistics';
import type { Distribution } from './distribution-schema.ts';

/** Support [lo, hi] of a distribution: every value it can take lies inside. */
export function support(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'fixed':
      return [d.value, d.value];
    case 'bernoulli':
      return [Math.min(d.ifTrue, d.ifFalse), Math.max(d.ifTrue, d.ifFalse)];
    default:
      return [d.min, d.max];
  }
}

/** Whether the parameter varies between runs. */
export function isUncertain(d: Distribution): boolean {
  const [lo, hi] = support(d);
  return lo !== hi;
}

/** The mean of a distribution (used for the salience-sum check and for reporting). */
export function distributionMean(d: Distribution): number {
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'beta':
      return d.min + ((d.max - d.min) * d.alpha) / (d.alpha + d.beta);
    case 'bernoulli':
      return d.p * d.ifTrue + (1 - d.p) * d.ifFalse;
    case 'normal': {
      // Mean of a normal truncated to [min, max]: μ + σ (φ(a) − φ(b)) / (Φ(b) − Φ(a)).
      const a = (d.min - d.mean) / d.sd;
      const b = (d.max - d.mean) / d.sd;
      const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
      const mass = standardNormalCdf(b) - standardNormalCdf(a);
      return mass > 1e-12 ? d.mean + (d.sd * (phi(a) - phi(b))) / mass : (d.min + d.max) / 2;
    }
  }
}

/** Φ(x), the standard normal CDF, through simple-statistics' error function (|error| < 1.2e-7). */
export function standardNormalCdf(x: number): number {
  return 0.5 * (1 + errorFunction(x / Math.SQRT2));
}
