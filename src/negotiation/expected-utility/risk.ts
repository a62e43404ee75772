/**
 * Risk exponents of Bueno de Mesquita's model (Scholz, Calbert & Smith 2011, §5).
 *
 * An actor's danger R_i = Σ_{j≠i} EU_ji is what the others expect to gain by challenging it (all
 * EU computed with r = 1). Scaled against the most and least endangered actors,
 *
 *   R'_i = (2 R_i − R_max − R_min) / (R_max − R_min) ∈ [−1, 1],
 *   r_i  = (1 − R'_i / 3) / (1 + R'_i / 3) ∈ [0.5, 2],
 *
 * the most endangered actor gets r = 0.5 (risk-acceptant: its utilities bend so that gambling
 * pays) and the safest r = 2. When every danger is equal the scaling is undefined (jmckib's code
 * divides by zero); we give everyone r = 1.
 */
import { challengeUtility } from './expected-utility.ts';

/**
 * Fills `danger[i]` = Σ_{j≠i} EU_ji at r = 1. `probability[j × n + i]` = P_ji; μ the current median.
 */
export function dangerLevels(
  position: Float64Array,
  salience: Float64Array,
  probability: Float64Array,
  n: number,
  range: number,
  median: number,
  q: number,
  t: number,
  danger: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      sum += challengeUtility(Math.abs(position[j] - position[i]), Math.abs(position[j] - median), range, probability[j * n + i], salience[i], 1, q, t);
    }
    danger[i] = sum;
  }
}

/** Fills `risk[i]` = r_i from the danger levels. */
export function riskExponents(danger: Float64Array, n: number, risk: Float64Array): void {
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    if (danger[i] > max) max = danger[i];
    if (danger[i] < min) min = danger[i];
  }
  for (let i = 0; i < n; i++) {
    if (!(max > min)) {
      risk[i] = 1;
      continue;
    }
    const scaled = (2 * danger[i] - max - min) / (max - min);
    risk[i] = (1 - scaled / 3) / (1 + scaled / 3);
  }
}
