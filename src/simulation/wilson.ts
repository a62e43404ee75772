/**
 * The Wilson score interval for a binomial proportion (Wilson 1927; recommended over the
 * normal "Wald" interval by Brown, Cai & DasGupta 2001):
 *
 *   (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n)
 *
 * with z the standard normal quantile of 1 − α/2 (1.95996… for 95%).
 */
import { standardNormalQuantile } from '../scenario/normal-quantile.ts';

export interface Proportion {
  count: number;
  /** count / n (0 when n is 0). */
  share: number;
  /** Bounds of the 95% Wilson interval. */
  low: number;
  high: number;
}

/** The standard normal quantile of 0.975: the half-width of a 95% interval in standard errors. */
export const Z95 = standardNormalQuantile(0.975);

export function wilsonInterval(count: number, n: number, z: number = Z95): Proportion {
  if (n <= 0) return { count, share: 0, low: 0, high: 1 };
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At p = 0 (or 1) the bound is 0 (or 1) exactly; rounding in center − half would leave it a hair off.
  const low = count <= 0 ? 0 : Math.min(p, Math.max(0, center - half));
  const high = count >= n ? 1 : Math.max(p, Math.min(1, center + half));
  return { count, share: p, low, high };
}
