/**
 * The quantile function Q(q) = inf {x : F(x) ≥ q} of each parameter distribution, for q in [0, 1]:
 * what `parley sensitivity` pins a parameter to at its low and high quantile.
 *
 * - fixed: its value.
 * - uniform(min, max): min + q (max − min).
 * - normal(μ, σ) truncated to [a, b]: μ + σ Φ⁻¹(Φ(α) + q (Φ(β) − Φ(α))), α, β the standardized bounds,
 *   in the stable form sample.ts draws with (truncated-normal.ts).
 * - triangular(a, c, b): a + √(q (b − a)(c − a)) below F(c) = (c − a)/(b − a), else b − √((1 − q)(b − a)(b − c)).
 * - beta(α, β) on [min, max]: min + (max − min) x with I_x(α, β) = q, found by bisection on the
 *   regularized incomplete beta function (incomplete-beta.ts).
 * - bernoulli(p, ifTrue, ifFalse): the lower of its two values when q ≤ its probability, else the higher.
 * - choice: the smallest alternative value whose cumulative probability (alternatives in value order) reaches q.
 */
import { choiceAlternatives } from './distribution-math.ts';
import { regularizedIncompleteBeta } from './incomplete-beta.ts';
import { truncatedStandardNormal } from './truncated-normal.ts';
import type { Distribution } from './param.ts';

/** x in [0, 1] with I_x(a, b) = q, by bisection (the CDF is increasing; 200 halvings reach the last bit). */
export function betaQuantile(q: number, a: number, b: number): number {
  if (q <= 0) return 0;
  if (q >= 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (regularizedIncompleteBeta(mid, a, b) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function distributionQuantile(d: Distribution, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`expected a probability in [0, 1], got ${q}`);
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + q * (d.max - d.min);
    case 'bernoulli': {
      const lowerIsFalse = d.ifFalse <= d.ifTrue;
      const probabilityOfLower = lowerIsFalse ? 1 - d.p : d.p;
      const lower = lowerIsFalse ? d.ifFalse : d.ifTrue;
      const higher = lowerIsFalse ? d.ifTrue : d.ifFalse;
      return q <= probabilityOfLower ? lower : higher;
    }
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return q < (c - a) / (b - a) ? a + Math.sqrt(q * (b - a) * (c - a)) : b - Math.sqrt((1 - q) * (b - a) * (b - c));
    }
    case 'normal':
      return Math.min(d.max, Math.max(d.min, d.mean + d.sd * truncatedStandardNormal((d.min - d.mean) / d.sd, (d.max - d.mean) / d.sd, q)));
    case 'beta':
      return d.min + (d.max - d.min) * betaQuantile(q, d.alpha, d.beta);
    case 'choice': {
      const { values, weights } = choiceAlternatives(d);
      const order = values.map((_, k) => k).sort((a, b) => values[a] - values[b]);
      const total = weights.reduce((a, b) => a + b, 0);
      let cumulative = 0;
      for (const k of order) {
        cumulative += weights[k] / total;
        if (cumulative >= q - 1e-12) return values[k];
      }
      return values[order[order.length - 1]];
    }
  }
}
