/**
 * Drawing one value from a parameter distribution with a run's RNG. Every draw is finite and
 * inside the distribution's support for every parameter set validation accepts.
 *
 * Every draw uses a fixed number of uniforms except beta (Marsaglia–Tsang gamma rejection), so a
 * run's random stream depends only on its seed. Uniform, bernoulli: one uniform. Triangular: one,
 * by inverting its CDF. Truncated normal: one, by inversion in a form that stays exact far in
 * the tails and on narrow intervals (truncated-normal.ts). Beta: X/(X+Y) with X ~ Γ(α), Y ~ Γ(β),
 * computed from log X and log Y: for shapes below 1 the gamma draws underflow to 0 (0/0 = NaN
 * before), so they are drawn as logarithms (Γ(s) = Γ(s+1)·U^(1/s), Marsaglia & Tsang 2000).
 * Choice: one uniform against the cumulative probabilities of its alternatives, in the model's order.
 */
import { truncatedStandardNormal } from './truncated-normal.ts';
import type { ChoiceDistribution, Distribution } from './param.ts';

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** A standard normal draw from two uniforms (Box–Muller). */
export function standardNormal(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * d·(1 − v + ln v) + x²/2 with v = (1 + c x)³ and c = 1/√(9d): the log-acceptance bound of
 * Marsaglia & Tsang. For large d the direct form cancels (d − d v loses every digit past d ≈ 1e15),
 * so there it is summed as its series in y = c x: with 9 d c² = 1 the x²/2 cancels exactly and
 * what remains is d (−3y⁴/4 + 3y⁵/5 − y⁶/2 + …) = d Σ_{n≥4} 3(−1)^(n+1) yⁿ/n (the y³ terms cancel too).
 */
function logAcceptanceBound(d: number, x: number, v: number): number {
  if (d < 1e6) return 0.5 * x * x + d - d * v + d * Math.log(v);
  const y = x / Math.sqrt(9 * d);
  let sum = 0;
  let power = y * y * y;
  for (let n = 4; n <= 24; n++) {
    power *= y;
    sum += ((n % 2 === 0 ? -3 : 3) * power) / n;
  }
  return d * sum;
}

/** log of a Γ(shape, 1) draw: Marsaglia & Tsang (2000), and for shape < 1 the boost Γ(s) = Γ(s+1)·U^(1/s) in logs. */
function logGamma(shape: number, rng: Rng): number {
  if (shape < 1) return logGamma(shape + 1, rng) + Math.log(1 - rng()) / shape;
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - rng();
    if (Math.log(u) < logAcceptanceBound(d, x, v)) return Math.log(d) + 3 * Math.log1p(c * x);
  }
}

/** `x` rounded into [lo, hi] (the last rounding of `lo + (hi − lo)·t` may step outside). */
function within(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
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
      return within(u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c)), a, b);
    }
    case 'normal': {
      const z = truncatedStandardNormal((d.min - d.mean) / d.sd, (d.max - d.mean) / d.sd, rng());
      return within(d.mean + d.sd * z, d.min, d.max);
    }
    case 'beta': {
      const logX = logGamma(d.alpha, rng);
      const logY = logGamma(d.beta, rng);
      // X/(X+Y) = 1/(1 + e^(log Y − log X)): finite whatever the magnitudes (e^±∞ gives 1 or 0).
      const t = 1 / (1 + Math.exp(logY - logX));
      return within(d.min + (d.max - d.min) * t, d.min, d.max);
    }
    case 'choice':
      return sampleChoice(d, rng());
  }
}

/** A choice's alternatives with positive probability, in the model's order: value and cumulative weight, and the total weight. */
export interface ChoiceTable {
  values: Float64Array;
  cumulative: Float64Array;
  total: number;
}

/** The table a choice is drawn from (sums formed in the model's order, as drawing one would). */
export function choiceTable(d: ChoiceDistribution): ChoiceTable {
  const values: number[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  let total = 0;
  for (const name in d.choice) total += d.choice[name];
  for (const name in d.choice) {
    const weight = d.choice[name];
    if (!(weight > 0)) continue;
    values.push(d.values !== undefined && Object.hasOwn(d.values, name) ? d.values[name] : Number(name));
    sum += weight;
    cumulative.push(sum);
  }
  return { values: Float64Array.from(values), cumulative: Float64Array.from(cumulative), total };
}

/** The alternative's value at cumulative probability u (in the model's order; probabilities sum to 1 ± 1e-6). */
export function drawChoice(table: ChoiceTable, u: number): number {
  const { values, cumulative } = table;
  const target = u * table.total;
  const n = values.length;
  for (let k = 0; k < n; k++) if (target < cumulative[k]) return values[k];
  return n > 0 ? values[n - 1] : NaN;
}

function sampleChoice(d: ChoiceDistribution, u: number): number {
  return drawChoice(choiceTable(d), u);
}
