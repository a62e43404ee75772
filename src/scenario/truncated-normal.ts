/**
 * The standard normal truncated to [a, b], by inversion of its CDF with one uniform: the value
 * whose CDF is `u`. The sampler (sample.ts) and the quantile function (distribution-quantile.ts)
 * both use it, so a pinned quantile is exactly what the sampler would draw.
 *
 * Stable for every interval validation accepts (the mean within 3 sd of [min, max], so after the
 * reflection below a ≤ 3):
 * - reflected so that the interval leans right (a + b ≥ 0): there the upper-tail probabilities
 *   Q(a) ≥ Q(3) ≈ 1.35e-3 and Q(b) are known to ~1e-16 absolutely, hence their difference (the
 *   interval's mass) to about 1e-9 relatively whenever the interval is wider than 4.5e-5 sd;
 * - narrower than that, the density exp(−t²/2) on [a, b] is exp(−a (t − a)) to a relative 1e-9,
 *   an exponential truncated to the width w, inverted exactly: t = −log1p(u·expm1(−a w)) / a
 *   (Robert 1995 uses the same exponential envelope for tails; here it is the distribution itself).
 * Φ by Marsaglia's Taylor series (2004, "Evaluating the Normal Distribution", absolute error below
 * 1e-15), Φ⁻¹ by Acklam's approximation (relative error below 1.15e-9). The result is clamped to
 * [a, b] against the last rounding.
 */
import { standardNormalQuantile } from './normal-quantile.ts';

/** log √(2π). */
const LOG_SQRT_2PI = 0.9189385332046728;

/**
 * Φ(x), the standard normal CDF, to an absolute error below 1e-15: Φ(x) = ½ + φ(x) Σ x^(2n+1)/(1·3·…·(2n+1))
 * (every term positive, so no cancellation; Marsaglia 2004). Beyond ±38 it is 0 or 1 in doubles.
 */
export function standardNormalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < -38) return 0;
  if (x > 38) return 1;
  let sum = x;
  let previous = 0;
  let term = x;
  const q = x * x;
  for (let i = 1; sum !== previous;) {
    previous = sum;
    i += 2;
    term *= q / i;
    sum = previous + term;
  }
  return Math.min(1, Math.max(0, 0.5 + sum * Math.exp(-0.5 * q - LOG_SQRT_2PI)));
}

/** Intervals narrower than this (in sd) are drawn from the exponential form (its error is w²/2 < 1e-9). */
const NARROW = 4.5e-5;

/** The value in [a, b] at which the standard normal truncated to [a, b] has CDF `u` (u in [0, 1]). */
export function truncatedStandardNormal(a: number, b: number, u: number): number {
  if (!(a < b)) return a;
  // Lean right: the draw from [−b, −a] at 1 − u, negated, keeps the result increasing in u.
  if (a + b < 0) return -truncatedStandardNormal(-b, -a, 1 - u);
  const w = b - a;
  let x: number;
  if (w < NARROW) {
    const aw = a * w;
    x = Math.abs(aw) < 1e-300 ? a + u * w : a - Math.log1p(u * Math.expm1(-aw)) / a;
  } else {
    const upperA = standardNormalCdf(-a);
    const upperB = standardNormalCdf(-b);
    x = -standardNormalQuantile(upperA - u * (upperA - upperB));
  }
  return Math.min(b, Math.max(a, Number.isNaN(x) ? a + u * w : x));
}
