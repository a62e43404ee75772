/**
 * Sums that do not depend on the order of addition, so aggregates merge to the same bits however
 * the runs were split (chunks, workers, shards on several machines).
 *
 * Each value x is rounded to a multiple of 2^-s (s chosen from a bound B on |x| so that
 * q = round(x · 2^s) stays below 2^42) and q is split into a high part ⌊q / 2^20⌋ and a low part
 * q − 2^20 ⌊q / 2^20⌋ ∈ [0, 2^20), kept in two doubles. Both accumulate integers well below 2^53
 * for up to 2^30 values, so every addition is exact, hence associative and commutative. The
 * rounding error per value is at most 2^-(s+1) (about 1e-13 · B), far below Monte Carlo error.
 */
const SPLIT = 2 ** 20;
const Q_BITS = 42;

/** The scale 2^s for values bounded by |x| ≤ bound. */
export function exactSumScale(bound: number): number {
  const b = Math.max(1, Math.abs(bound));
  return 2 ** (Q_BITS - Math.ceil(Math.log2(b)));
}

/** Adds x into the exact sum at cells [2k, 2k + 1] of `sums`. */
export function addExact(sums: Float64Array, k: number, x: number, scale: number): void {
  const q = Math.round(x * scale);
  const high = Math.floor(q / SPLIT);
  sums[2 * k] += high;
  sums[2 * k + 1] += q - high * SPLIT;
}

/** The value of the exact sum at k (rounded once, at the end). */
export function exactSumValue(sums: Float64Array, k: number, scale: number): number {
  return (sums[2 * k] * SPLIT + sums[2 * k + 1]) / scale;
}

/**
 * Whether the cells (high, low) of an exact sum could hold the sum of `terms` values: both
 * integers, each value's high part in [−2^22, 2^22] and its low part in [0, 2^20), so the sum's high
 * cell is at most 2^22 · terms in size and its low cell in [0, (2^20 − 1) · terms].
 */
export function exactSumCellsPossible(high: number, low: number, terms: number): boolean {
  const highBound = 2 ** (Q_BITS - Math.log2(SPLIT)) * terms;
  return Number.isSafeInteger(high) && Number.isSafeInteger(low) && Math.abs(high) <= highBound && low >= 0 && low <= (SPLIT - 1) * terms;
}
