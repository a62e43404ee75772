/**
 * Where jmckib's Python replication (github.com/jmckib/bdm-scholz-expected-utility-model, 55f63e9,
 * following Scholz's code) departs from the algorithm as Scholz, Calbert & Smith (2011) write it.
 * With `jmckibQuirks` on, the model takes these paths and reproduces jmckib's EC trajectory.
 *
 * 1. probability — P_ij's denominator sums |v_k(a, b)| over every triple (voter k, actors a, b),
 *    not over the voters of the pair (i, j), so P is tiny; and the votes in P weigh distances by
 *    each voter's current risk exponent, v_k(a, b) = c_k s_k ((|x_k − x_b|/d)^r_k − (|x_k − x_a|/d)^r_k)
 *    (r_k = 1 while risk is being measured, the new r_k when offers are made). The numerator counts
 *    only the positive votes.
 * 2. offerChoice — an actor takes a confrontation if it has one (the nearest), else the compromise
 *    whose point (|EU_ij| x_i + |EU_ji| x_j) / (|EU_ij| + |EU_ji|) is lowest on the scale (not the
 *    smallest move: hence Belgium's jump towards the Netherlands in round 4), else a capitulation.
 *    Its capitulation test `eu_ji < abs(eu_ji)` is never true, so capitulations never happen.
 * 3. median — the median keeps the first of the set of positions that no later one beats strictly,
 *    in a Python set's hash order. We go through the distinct positions in actor order instead; the
 *    two agree unless the weighted median is tied (weight exactly half on each side).
 */
import { MoveKind } from './offers.ts';

export interface JmckibQuirks {
  probability: boolean;
  offerChoice: boolean;
  median: boolean;
}

export const ALL_JMCKIB_QUIRKS: Readonly<JmckibQuirks> = { probability: true, offerChoice: true, median: true };
export const NO_JMCKIB_QUIRKS: Readonly<JmckibQuirks> = { probability: false, offerChoice: false, median: false };

/** jmckib's `compare`: voter k's vote for x_a over x_b with exponent r. */
function vote(w: number, xk: number, xa: number, xb: number, range: number, r: number): number {
  return w * (Math.pow(Math.abs(xk - xb) / range, r) - Math.pow(Math.abs(xk - xa) / range, r));
}

/** Quirk 1: P_ij for every ordered pair into out[i × n + j]; `exponent[k]` is voter k's r. */
export function jmckibWinProbabilities(
  position: Float64Array,
  weight: Float64Array,
  exponent: Float64Array,
  n: number,
  range: number,
  out: Float64Array,
): void {
  let allVotes = 0;
  for (let k = 0; k < n; k++) {
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) allVotes += Math.abs(vote(weight[k], position[k], position[a], position[b], range, exponent[k]));
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (position[i] === position[j]) {
        out[i * n + j] = 0;
        continue;
      }
      let backing = 0;
      for (let k = 0; k < n; k++) backing += Math.max(0, vote(weight[k], position[k], position[i], position[j], range, exponent[k]));
      out[i * n + j] = allVotes > 0 ? backing / allVotes : 0;
    }
  }
}

/** Quirk 3: the first distinct position (in actor order) that no later position beats strictly. */
export function jmckibMedian(position: Float64Array, weight: Float64Array, n: number, range: number): number {
  let median = position[0];
  for (let j = 1; j < n; j++) {
    let seen = false;
    for (let k = 0; k < j && !seen; k++) seen = position[k] === position[j];
    if (seen) continue;
    let votes = 0;
    for (let k = 0; k < n; k++) votes += vote(weight[k], position[k], position[j], median, range, 1);
    if (votes > 0) median = position[j];
  }
  return median;
}

/**
 * Quirk 2: whether jmckib prefers an offer of `kind` at the compromise point `key` (for a
 * compromise; the move's length otherwise) to the best one so far.
 */
export function jmckibPrefers(kind: MoveKind, key: number, bestKind: MoveKind, bestKey: number): boolean {
  if (kind === MoveKind.Capitulation) return false;
  if (bestKind === MoveKind.None) return true;
  if (kind !== bestKind) return kind === MoveKind.Confrontation;
  return key < bestKey;
}

/** jmckib's key for ranking a compromise: the EU-weighted point between x_i and x_j. */
export function jmckibCompromiseKey(xi: number, xj: number, euIJ: number, euJI: number): number {
  return (Math.abs(euIJ) * xi + Math.abs(euJI) * xj) / (Math.abs(euIJ) + Math.abs(euJI));
}
