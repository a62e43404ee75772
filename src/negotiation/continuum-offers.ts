/**
 * One round of the equilibrium recursion with one continuous issue as a true continuum
 * (continuum-layout.ts): each proposer's best offer is a part (the options on the other issues)
 * and a point x of the issue's range [low, high], found in closed form, so the offer meets the
 * others' continuation values exactly instead of the next level up. This is what makes the
 * recursion reproduce Rubinstein (1982), Ståhl (1972) and Binmore, Rubinstein & Wolinsky (1986)
 * for any patience, whatever the issue's reporting `levels`.
 *
 * Within a part d, actor a's utility is u_a(d, x) = base_a(d) + w_a·v_a(x), with v_a(x) = 1 − dist
 * or 1 − dist² (dist = min(1, |x − ideal_a| / (high − low)); preferences.ts), a function that falls
 * away from the ideal on both sides. So the points a accepts, u_a ≥ t_a, form an interval:
 *
 *   |x − ideal_a| ≤ R·(high − low),  R = 1 − s (linear) or √(1 − s) (quadratic),  s = (t_a − base_a(d)) / w_a
 *
 * (everything if s ≤ 0, nothing if s > 1; for w_a = 0, everything or nothing). Under unanimity the
 * agreed points are the intersection of the needed actors' intervals, and the proposer's best is
 * its ideal clamped into it. Under a vote (decision-rule.ts) they are the points of the needed
 * actors' intersection covered by a winning coalition of voters' intervals: a union of intervals
 * whose ends are ends of the voters' intervals, so the proposer's best is its clamped ideal or one
 * of those ends (each checked for coverage).
 *
 * Ties between parts are treated as on the grid (grid-offers.ts): the lowest part is offered, and
 * under random recognition the offer's worth is the mean over the equally good ones.
 */
import type { NegotiationTable } from './negotiation-table.ts';
import { UTILITY_EPSILON } from './negotiator.ts';
import { isWinning } from './decision-rule.ts';
import { continuousValue, issueWeight } from './preferences.ts';
import { EXCLUDER_ROWS, type ContinuationValues, type ContinuumScratch } from './continuation-table.ts';

/** Tolerance on points of the issue (relative to its width) when checking which intervals cover a point. */
const POINT_TOLERANCE = 1e-12;

/** Actor a's utility of point x in part d. */
export function continuumUtility(c: ContinuumScratch, a: number, d: number, x: number): number {
  const { layout } = c;
  return c.base[a * layout.partCount + d] + c.weight[a] * continuousValue(x, c.ideal[a], layout.high - layout.low, c.quadratic[a] === 1);
}

/**
 * Loads this run's utilities on the continuum (weights, ideals, each part's base) and lists the
 * parts with an agreed point at the reservation utilities `reservation[offset + a]`.
 */
export function prepareContinuum(table: NegotiationTable, c: ContinuumScratch, reservation: Float64Array, offset: number): void {
  const { compiled, instance, sampled } = table;
  const { layout } = c;
  const i = layout.issue;
  const I = compiled.issues.length;
  const A = instance.actorCount;
  const P = instance.packageCount;
  const D = layout.partCount;
  const width = layout.high - layout.low;
  for (let a = 0; a < A; a++) {
    c.weight[a] = issueWeight(compiled, sampled, a, i);
    c.ideal[a] = sampled[compiled.slots.ideal[a * I + i]];
    c.quadratic[a] = compiled.idealShape[a * I + i];
    const atLow = c.weight[a] * continuousValue(layout.low, c.ideal[a], width, c.quadratic[a] === 1);
    for (let d = 0; d < D; d++) c.base[a * D + d] = instance.utility[a * P + layout.partPackage[d]] - atLow;
  }
  c.vote = compiled.decisionRule.voters.length > 0;
  loadCuts(c, reservation, offset, A);
  let n = 0;
  for (let d = 0; d < D; d++) {
    if (loadPart(table, c, d, EXCLUDER_ROWS) && !Number.isNaN(bestPoint(table, c, d, -1))) c.parts[n++] = d;
  }
  c.partCount = n;
}

/** Loads c.cut[a] = t[offset + a] − ε: the utility actor a's acceptance needs at thresholds t (within the tolerance). */
function loadCuts(c: ContinuumScratch, t: Float64Array, offset: number, A: number): void {
  for (let a = 0; a < A; a++) c.cut[a] = t[offset + a] - UTILITY_EPSILON;
}

/** What actor a's value on the issue must make up in part d to reach its cut: t − ε − base, as (t − ε) − base. */
function shortfall(c: ContinuumScratch, a: number, d: number): number {
  return c.cut[a] - c.base[a * c.layout.partCount + d];
}

/** Whether no point of the issue makes up a shortfall `need` for actor a (its interval is empty). */
function outOfReach(c: ContinuumScratch, a: number, need: number): boolean {
  return need > 0 && (c.weight[a] <= 0 || need > c.weight[a]);
}

/** Fills c.low/high[a] with actor a's interval of accepted points in part d at its cut. */
function loadInterval(c: ContinuumScratch, a: number, d: number): void {
  const { layout } = c;
  const need = shortfall(c, a, d);
  const w = c.weight[a];
  let reach: number;
  if (need <= 0) reach = Infinity;
  else if (outOfReach(c, a, need)) reach = -1;
  else reach = (c.quadratic[a] === 1 ? Math.sqrt(1 - need / w) : 1 - need / w) * (layout.high - layout.low);
  if (reach === Infinity) {
    c.low[a] = layout.low;
    c.high[a] = layout.high;
  } else if (reach < 0) {
    c.low[a] = Infinity;
    c.high[a] = -Infinity;
  } else {
    c.low[a] = Math.max(layout.low, c.ideal[a] - reach);
    c.high[a] = Math.min(layout.high, c.ideal[a] + reach);
  }
}

/** Whether the voters whose intervals cover x form a winning coalition. */
function coveredByWinning(table: NegotiationTable, c: ContinuumScratch, x: number): boolean {
  const rule = table.compiled.decisionRule;
  const slack = POINT_TOLERANCE * (c.layout.high - c.layout.low);
  let weight = 0;
  let population = 0;
  for (let v = 0; v < rule.voters.length; v++) {
    const a = rule.voters[v];
    if (x < c.low[a] - slack || x > c.high[a] + slack) continue;
    weight += rule.weight[v];
    if (rule.population !== null) population += rule.population[v];
  }
  return isWinning(rule, weight, population);
}

/**
 * Loads part d's intervals at the cuts loaded (loadCuts) and intersects the needed actors' into
 * c.agreedLow/agreedHigh; false if the intersection is empty. `memo`: the slot of c.excluder this
 * call reads and writes (one per row of a period, one for the reservation utilities).
 *
 * Without a vote only the needed actors' intervals are read (by nothing but this intersection), so
 * only theirs are loaded, and the intersection stops at the first that empties it: lo only grows
 * and hi only shrinks, so the test that fails on a partial intersection fails on the whole. Before
 * that, the needed actors that emptied it last time in this slot are asked (the one, or the pair,
 * whose intervals alone failed the test), then every needed actor whether its own interval is
 * empty (no square root; then lo = +∞ fails the test whatever the others', hi never being NaN).
 * Which actors are asked first changes only the work: the test's verdict is that of the whole
 * intersection, in any order.
 */
function loadPart(table: NegotiationTable, c: ContinuumScratch, d: number, memo: number): boolean {
  const { layout, vote } = c;
  const { consenters } = table.compiled;
  const tolerance = POINT_TOLERANCE * (layout.high - layout.low);
  const mask = layout.partMask[d];
  const slot = 2 * (memo * layout.partCount + d);
  if (vote) for (let a = 0; a < table.instance.actorCount; a++) loadInterval(c, a, d);
  else if (excludedAgain(c, d, slot, tolerance)) return false;
  else {
    for (let k = 0; k < consenters.length; k++) {
      if ((mask & (1 << k)) === 0 || !outOfReach(c, consenters[k], shortfall(c, consenters[k], d))) continue;
      c.excluder[slot] = consenters[k];
      c.excluder[slot + 1] = -1;
      return false;
    }
  }
  let lo = layout.low;
  let hi = layout.high;
  let byLow = -1;
  let byHigh = -1;
  for (let k = 0; k < consenters.length; k++) {
    if ((mask & (1 << k)) === 0) continue;
    const a = consenters[k];
    if (!vote) loadInterval(c, a, d);
    if (c.low[a] > lo) {
      lo = c.low[a];
      byLow = a;
    }
    if (c.high[a] < hi) {
      hi = c.high[a];
      byHigh = a;
    }
    if (!vote && lo > hi + tolerance) {
      // [lo, hi] is the intersection of these two actors' intervals (and the range) alone.
      c.excluder[slot] = byLow >= 0 ? byLow : byHigh;
      c.excluder[slot + 1] = byLow >= 0 && byHigh !== byLow ? byHigh : -1;
      return false;
    }
  }
  if (lo > hi + tolerance) return false;
  c.agreedLow = lo;
  c.agreedHigh = Math.max(lo, hi);
  return true;
}

/** Without a vote: whether the needed actor, or pair, remembered in c.excluder[slot …] alone leaves part d without an agreed point. */
function excludedAgain(c: ContinuumScratch, d: number, slot: number, tolerance: number): boolean {
  const a = c.excluder[slot];
  if (a < 0) return false;
  if (outOfReach(c, a, shortfall(c, a, d))) return true;
  const b = c.excluder[slot + 1];
  if (b < 0) return false;
  loadInterval(c, a, d);
  loadInterval(c, b, d);
  const lo = Math.max(c.layout.low, c.low[a], c.low[b]);
  const hi = Math.min(c.layout.high, c.high[a], c.high[b]);
  return lo > hi + tolerance;
}

/**
 * The agreed point of the loaded part d best for `proposer` (−1: the lowest agreed point, to tell
 * whether there is one); NaN if under a vote no winning coalition covers any point.
 */
function bestPoint(table: NegotiationTable, c: ContinuumScratch, d: number, proposer: number): number {
  const lo = c.agreedLow;
  const hi = c.agreedHigh;
  const target = proposer >= 0 ? c.ideal[proposer] : lo;
  const clamped = target < lo ? lo : target > hi ? hi : target;
  const { voters } = table.compiled.decisionRule;
  if (voters.length === 0) return clamped;
  // Under a vote: the clamped ideal if a winning coalition covers it, else the best covered end.
  const slack = POINT_TOLERANCE * (c.layout.high - c.layout.low);
  let best = Number.NaN;
  let bestOwn = -Infinity;
  for (let e = -1; e < 2 * voters.length; e++) {
    const a = e < 0 ? -1 : voters[e >> 1];
    const x = e < 0 ? clamped : (e & 1) === 0 ? c.low[a] : c.high[a];
    if (!(x >= lo - slack && x <= hi + slack)) continue;
    const own = proposer >= 0 ? continuumUtility(c, proposer, d, x) : -x;
    if (own <= bestOwn || !coveredByWinning(table, c, x)) continue;
    best = x;
    bestOwn = own;
  }
  return best;
}

/**
 * What proposer j's utility in a part can exceed the part's base by: its weight on the issue (its
 * value of a point is in [0, 1]), 0 for a negative weight; +∞ (no bound) under a vote, where a
 * part passed over could still end the proposers' scan (bestPoint's NaN), or where a value is not
 * finite. In floating point too u_j(d, x) = base + w·v ≤ base + headroom, rounding being monotone.
 */
function ownHeadroom(table: NegotiationTable, c: ContinuumScratch, j: number): number {
  const w = c.weight[j];
  const width = c.layout.high - c.layout.low;
  if (table.compiled.decisionRule.voters.length > 0 || !Number.isFinite(w) || !Number.isFinite(c.ideal[j]) || !(width > 0 && width < Infinity)) return Infinity;
  return w > 0 ? w : 0;
}

/**
 * Whether a part whose utility to the proposer is at most `ceiling` cannot change its offer: every
 * point of it is short of its best so far by more than the tie tolerance (bestOwn − u ≥ bestOwn −
 * ceiling in floating point, so the scan below would skip it, neither better nor tied).
 */
function outclassed(bestOwn: number, ceiling: number): boolean {
  return bestOwn - ceiling > UTILITY_EPSILON;
}

/**
 * Round k's offers of the first J of `proposerActors` on the continuum: bestPackage[s] the part
 * (−1: none agreed), bestPoint[s] the point, bestOwn[s] and offerValue[s × A + a] as on the grid.
 */
export function continuumOffers(table: NegotiationTable, values: ContinuationValues, c: ContinuumScratch, k: number, J: number, random: boolean): void {
  const A = table.instance.actorCount;
  const D = c.layout.partCount;
  const { proposerActors, bestPackage, bestOwn, offerValue, tieCount } = values;
  const { headroom } = c;
  for (let s = 0; s < J; s++) {
    bestPackage[s] = -1;
    bestOwn[s] = -Infinity;
    tieCount[s] = 0;
    headroom[s] = ownHeadroom(table, c, proposerActors[s]);
  }
  loadCuts(c, values.threshold, k * A, A);
  const memo = k % EXCLUDER_ROWS;
  for (let n = 0; n < c.partCount; n++) {
    const d = c.parts[n];
    let open = false;
    for (let s = 0; s < J && !open; s++) open = !outclassed(bestOwn[s], c.base[proposerActors[s] * D + d] + headroom[s]);
    if (!open || !loadPart(table, c, d, memo)) continue;
    for (let s = 0; s < J; s++) {
      const j = proposerActors[s];
      if (outclassed(bestOwn[s], c.base[j * D + d] + headroom[s])) continue;
      const point = bestPoint(table, c, d, j);
      // No winning coalition covers any point of this part (the same for every proposer).
      if (Number.isNaN(point)) break;
      const own = continuumUtility(c, j, d, point);
      const tie = Math.abs(own - bestOwn[s]) <= UTILITY_EPSILON;
      if (!tie && own < bestOwn[s]) continue;
      const row = s * A;
      if (tie && random) {
        tieCount[s]++;
        for (let a = 0; a < A; a++) offerValue[row + a] += continuumUtility(c, a, d, point);
      } else if (!tie) {
        bestOwn[s] = own;
        bestPackage[s] = d;
        c.bestPoint[s] = point;
        tieCount[s] = 1;
        for (let a = 0; a < A; a++) offerValue[row + a] = continuumUtility(c, a, d, point);
      }
    }
  }
  for (let s = 0; s < J; s++) {
    if (tieCount[s] > 1) for (let a = 0; a < A; a++) offerValue[s * A + a] /= tieCount[s];
  }
}
