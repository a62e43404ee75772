/**
 * Runs of three or more parties on the packages that survive a pairwise dominance test: a package
 * is dropped when changing its options on two issues (or one) gives a package every party prefers
 * (by more than a margin). Such a package is never offered, accepted or decisive for the zone of
 * agreement (undominated-packages.ts says why, for any number of parties), so the run is played
 * on the rest with the same outcome. The full Pareto filter over n criteria costs more than it
 * saves; this test is cheap because with additive utilities a change of two issues' options moves
 * each party's utility by the same amount whatever the other issues hold:
 *
 *   u_a(p with o_i → o'_i, o_k → o'_k) − u_a(p) = v_ai(o'_i) + v_ak(o'_k) − v_ai(o_i) − v_ak(o_k)
 *
 * So for each pair of issues (i, k) a run decides once which combinations (o_i, o_k) another
 * combination beats for every party — n_i · n_k combinations, each against the others — and every
 * package holding a beaten combination on some pair is dropped. The packages are enumerated issue
 * by issue (odometer order, so the kept ones come out in id order): at issue k the options allowed
 * are those no earlier issue's chosen option rules out, a bit mask ANDed over the earlier issues,
 * so a beaten prefix is never extended. Each kept package's utilities are summed along the way in
 * the order of a direct sum, ((0 + v_0) + v_1) + …, the same floats bit for bit.
 *
 * Why a dropped package's place is always taken by a kept one: the packages that beat it by the
 * test, and those that beat them, form a chain in which every party's exact utility rises by more
 * than the margin at each step; the chain is finite and ends at a kept package, which beats the
 * dropped one for every party by more than the margin.
 *
 * Floats: the margin is undominated-packages.ts's, (2I + 8) · 2⁻⁵² · M, plus 4 · 2⁻⁵² · M for the
 * test's own sums and difference (three roundings of values at most 4M in size), so a combination
 * that leads by the margin as computed leads the exact sums by the two-party filter's margin.
 *
 * In NegMAS's 4-party 5 × 5 case about 1,200 of the 3,125 packages survive (38 %): those that no
 * change of one or two issues makes better for all four parties.
 */
import type { CompiledScenario } from './compiled-scenario.ts';
import { fillRunParameters, weighOptions, type Instance } from './preferences.ts';

/** Widest issue the bit masks hold. */
export const PAIRWISE_MAX_OPTIONS = 32;
/** Largest pair of issues tested (n_i · n_k combinations, each against the others); wider pairs are not tested. */
const MAX_PAIR_COMBINATIONS = 64;

export interface PairwiseDominance {
  /** [a × optionCount + slot] every party's weighted option values this run (weighOptions), and a view of each party's row. */
  optionValues: Float64Array;
  rows: Float64Array[];
  /** [a] the margin by which a change must lead for party a. */
  margins: Float64Array;
  /** [i × I + k], i < k: offset into `allowed` of the pair's table, −1 if the pair is not tested. */
  pairTable: Int32Array;
  /** [pairTable[i × I + k] + o_i] the options of issue k that combine with option o_i of issue i unbeaten (bit mask). */
  allowed: Int32Array;
  /** Scratch: [combination × A + a] each party's sum over a pair's two options, and the combinations in order of party 0's sum. */
  combinationSums: Float64Array;
  order: Int32Array;
  /** Enumeration state per issue: the option chosen, the allowed options, the prefix's product index, each party's prefix sum [i × A + a]. */
  chosen: Int32Array;
  masks: Int32Array;
  prefixIds: Int32Array;
  prefixSums: Float64Array;
}

export function allocatePairwise(compiled: CompiledScenario): PairwiseDominance {
  const { issues } = compiled;
  const A = compiled.actors.length;
  const I = issues.length;
  const pairTable = new Int32Array(I * I).fill(-1);
  let tables = 0;
  let widest = 0;
  for (let i = 0; i < I; i++) {
    for (let k = i + 1; k < I; k++) {
      const combinations = issues[i].options.length * issues[k].options.length;
      if (combinations > MAX_PAIR_COMBINATIONS) continue;
      pairTable[i * I + k] = tables;
      tables += issues[i].options.length;
      widest = Math.max(widest, combinations);
    }
  }
  const O = compiled.optionCount;
  const optionValues = new Float64Array(A * O);
  return {
    optionValues,
    rows: compiled.actors.map((_, a) => optionValues.subarray(a * O, (a + 1) * O)),
    margins: new Float64Array(A),
    pairTable,
    allowed: new Int32Array(tables),
    combinationSums: new Float64Array(widest * A),
    order: new Int32Array(widest),
    chosen: new Int32Array(I),
    masks: new Int32Array(I),
    prefixIds: new Int32Array(I),
    prefixSums: new Float64Array(I * A),
  };
}

/** The options 0 … n − 1 as a bit mask. */
function allOptions(n: number): number {
  return n >= 32 ? -1 : (1 << n) - 1;
}

/**
 * Fills `out` for this run on the packages that survive the test: its parameters as buildInstance
 * does, and utilities, best packages and packageCount over the kept packages, renumbered
 * 0 … count − 1 in id order; `packageIds` receives their ids. Returns the count.
 */
export function buildPairwise(compiled: CompiledScenario, values: Float64Array, out: Instance, space: PairwiseDominance, packageIds: Int32Array): number {
  fillRunParameters(compiled, values, out);
  const { issues } = compiled;
  const A = out.actorCount;
  const I = issues.length;
  const { rows, margins } = space;
  for (let a = 0; a < A; a++) {
    weighOptions(compiled, values, a, rows[a]);
    margins[a] = dominanceMargin(compiled, rows[a], out.reservation[a], 12);
  }
  for (let i = 0; i < I; i++) for (let k = i + 1; k < I; k++) if (space.pairTable[i * I + k] >= 0) testPair(compiled, space, A, i, k);
  const count = enumerateKept(compiled, space, out, packageIds);
  // The rows were written at a stride of every package; close them up to a stride of `count`.
  const P = compiled.packageCount;
  const { utility, best } = out;
  for (let a = 1; a < A; a++) utility.copyWithin(a * count, a * P, a * P + count);
  for (let a = 0; a < A; a++) {
    let top = -Infinity;
    const row = a * count;
    for (let p = 0; p < count; p++) if (utility[row + p] > top) top = utility[row + p];
    best[a] = top;
  }
  out.packageCount = count;
  return count;
}

/**
 * Marks in `allowed` the combinations of issues i and k that another combination beats for every
 * party by its margin. Only a combination with a larger sum for party 0 can beat one, so the
 * combinations are ordered by that sum and each is tested against those before it while they lead.
 */
function testPair(compiled: CompiledScenario, space: PairwiseDominance, A: number, i: number, k: number): void {
  const { optionValues, margins, combinationSums: sums, order, allowed } = space;
  const ni = compiled.issues[i].options.length;
  const nk = compiled.issues[k].options.length;
  const offsetI = compiled.optionOffset[i];
  const offsetK = compiled.optionOffset[k];
  const O = compiled.optionCount;
  const table = space.pairTable[i * compiled.issues.length + k];
  const combinations = ni * nk;
  for (let c = 0; c < combinations; c++) {
    const oi = Math.floor(c / nk);
    const ok = c - oi * nk;
    for (let a = 0; a < A; a++) sums[c * A + a] = optionValues[a * O + offsetI + oi] + optionValues[a * O + offsetK + ok];
    // Insertion into the order by party 0's sum, largest first.
    let at = c;
    while (at > 0 && sums[order[at - 1] * A] < sums[c * A]) {
      order[at] = order[at - 1];
      at--;
    }
    order[at] = c;
  }
  allowed.fill(allOptions(nk), table, table + ni);
  const margin0 = margins[0];
  for (let j = 1; j < combinations; j++) {
    const c = order[j];
    for (let q = 0; q < j; q++) {
      const d = order[q];
      if (!(sums[d * A] - sums[c * A] > margin0)) break;
      let beats = true;
      for (let a = 1; beats && a < A; a++) beats = sums[d * A + a] - sums[c * A + a] > margins[a];
      if (!beats) continue;
      const oi = Math.floor(c / nk);
      allowed[table + oi] &= ~(1 << (c - oi * nk));
      break;
    }
  }
}

/**
 * Enumerates the packages no tested pair rules out, in id order (packages are the product of the
 * options in odometer order, every combination feasible), writing each party's utility at
 * utility[a × P + kept] and the ids to `packageIds`. Returns how many are kept.
 */
function enumerateKept(compiled: CompiledScenario, space: PairwiseDominance, out: Instance, packageIds: Int32Array): number {
  const { issues, optionOffset } = compiled;
  const I = issues.length;
  const A = out.actorCount;
  const P = compiled.packageCount;
  const O = compiled.optionCount;
  const { optionValues, pairTable, allowed, chosen, masks, prefixIds, prefixSums } = space;
  const { utility } = out;
  const last = I - 1;
  const lastCount = issues[last].options.length;
  const lastOffset = optionOffset[last];
  let count = 0;
  masks[0] = allOptions(issues[0].options.length);
  chosen[0] = -1;
  let level = 0;
  while (level >= 0) {
    // The next allowed option of this issue after the one chosen last.
    const o = chosen[level] + 1;
    const remaining = o >= 32 ? 0 : masks[level] & ~((1 << o) - 1);
    if (remaining === 0) {
      level--;
      continue;
    }
    const option = 31 - Math.clz32(remaining & -remaining);
    chosen[level] = option;
    const n = issues[level].options.length;
    prefixIds[level] = (level === 0 ? 0 : prefixIds[level - 1] * n) + option;
    const slot = optionOffset[level] + option;
    for (let a = 0; a < A; a++) prefixSums[level * A + a] = (level === 0 ? 0 : prefixSums[(level - 1) * A + a]) + optionValues[a * O + slot];
    if (level === last) {
      // A whole package (one issue only): kept.
      packageIds[count] = prefixIds[level];
      for (let a = 0; a < A; a++) utility[a * P + count] = prefixSums[level * A + a];
      count++;
      continue;
    }
    // The options of the next issue that no chosen option rules out.
    const next = level + 1;
    let mask = allOptions(issues[next].options.length);
    for (let i = 0; i <= level; i++) {
      const table = pairTable[i * I + next];
      if (table >= 0) mask &= allowed[table + chosen[i]];
    }
    if (next < last) {
      masks[next] = mask;
      chosen[next] = -1;
      level = next;
      continue;
    }
    // The last issue: its allowed options complete kept packages.
    const base = prefixIds[level] * lastCount;
    while (mask !== 0) {
      const low = mask & -mask;
      const lastOption = 31 - Math.clz32(low);
      mask ^= low;
      packageIds[count] = base + lastOption;
      for (let a = 0; a < A; a++) utility[a * P + count] = prefixSums[level * A + a] + optionValues[a * O + lastOffset + lastOption];
      count++;
    }
  }
  return count;
}

/**
 * (2I + extra) · 2⁻⁵² · M, M bounding every partial sum of this party and its reservation value:
 * a lead larger than this survives every rounding (undominated-packages.ts, pairwise-dominance.ts).
 */
export function dominanceMargin(compiled: CompiledScenario, optionValues: Float64Array, reservation: number, extra: number): number {
  const { issues, optionOffset } = compiled;
  let sum = 0;
  for (let i = 0; i < issues.length; i++) {
    let largest = 0;
    for (let o = 0; o < issues[i].options.length; o++) largest = Math.max(largest, Math.abs(optionValues[optionOffset[i] + o]));
    sum += largest;
  }
  return (2 * issues.length + extra) * 2 ** -52 * Math.max(Math.abs(reservation), sum);
}
