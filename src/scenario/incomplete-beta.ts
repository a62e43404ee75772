/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b): the CDF of the
 * Beta(a, b) distribution. Evaluated by its continued fraction (Abramowitz & Stegun 26.5.8) with
 * the modified Lentz method, as in Numerical Recipes (Press et al. 2007, §6.4): the fraction
 * converges fast for x < (a + 1)/(a + b + 2); above that, I_x(a, b) = 1 − I_{1−x}(b, a).
 */
import { gammaln } from 'simple-statistics';

const MAX_TERMS = 500;
const EPSILON = 1e-15;
const TINY = 1e-300;

/** The continued fraction of I_x(a, b), without its prefactor x^a (1−x)^b / (a B(a, b)). */
function continuedFraction(a: number, b: number, x: number): number {
  const guard = (v: number) => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m (b − m) x / ((a + 2m − 1)(a + 2m)).
    let term = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / guard(1 + term * d);
    c = guard(1 + term / c);
    h *= d * c;
    // Odd step: d_{2m+1} = −(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / guard(1 + term * d);
    c = guard(1 + term / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return h;
}

/** I_x(a, b) for a, b > 0 and x in [0, 1] (0 below, 1 above). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logPrefactor = gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x);
  const prefactor = Math.exp(logPrefactor);
  if (x < (a + 1) / (a + b + 2)) return (prefactor * continuedFraction(a, b, x)) / a;
  return 1 - (prefactor * continuedFraction(b, a, 1 - x)) / b;
}
