/**
 * The offer of a proposer that knows it is uncertain about the others' reservation utilities
 * (learning-beliefs.ts) and proposes against its belief distribution, not a point estimate: the
 * package that maximizes its expected payoff
 *
 *   E(p) = P(p agreed) · u_j(p) + (1 − P(p agreed)) · C_j(k)
 *
 * with C_j(k) what a refused round is worth to it (its solution of the game) and
 *
 *   P(p agreed) = Π over the other needed actors b of F_b(u_b(p) − Δ_b(k)) · P(a winning coalition)
 *
 * F_b its posterior CDF of b's reservation utility, Δ_b(k) the premium its solution puts on b's
 * waiting (b's threshold less b's believed reservation; 0 in the last round). A more generous offer
 * is accepted more often but leaves the proposer less — the screening trade-off (Fudenberg &
 * Tirole 1991, ch. 10; Fearon 1995's risk–return trade-off). In a one-shot game (an ultimatum)
 * with a responder whose reservation is uniform on [a, c] and a proposer whose fallback is r_j,
 * splitting a unit (the responder's share s), E = r_j + (s − a)/(c − a)·(1 − s − r_j), maximized
 * at s* = (a + 1 − r_j)/2 (clamped to [a, c]) — the closed form `parley check` holds it to.
 *
 * Under a vote the voters outside the needed actors accept independently with their own F; the
 * chance that they complete a winning coalition is summed over the subsets of those whose answer is
 * uncertain (up to MAX_UNCERTAIN_VOTERS of them; beyond that each counts as accepting when its
 * chance is at least ½). The proposer counts as accepting its own offer.
 *
 * It passes when no package is worth more than a refused round. Never a package below its own
 * reservation utility.
 *
 * Work skipped, none of it able to change the offer: without a vote, a package is dropped as soon
 * as the chance so far (a product of CDFs, each at most 1, so the whole product is no larger in
 * floating point either) cannot lift its payoff above the best payoff less the tie tolerance —
 * first against a needed actor the beliefs rule out accepting (chance 0, no CDF evaluated), then
 * after each factor. The packages are ordered by a merge sort on the proposer's utilities, the
 * order the comparator sort gave (it falls back to that sort when a utility is NaN).
 */
import type { PackageId } from './compiled-scenario.ts';
import type { ContinuationValues } from './continuation-table.ts';
import { isWinning } from './decision-rule.ts';
import { beliefCdf, beliefMean, beliefRulesOut, type LearnedBeliefs } from './learning-beliefs.ts';
import type { NegotiationTable } from './negotiation-table.ts';
import { UTILITY_EPSILON } from './negotiator.ts';

/** Voters whose answers are uncertain, beyond which the coalition's chance is not summed over subsets (2^12 = 4096 terms). */
export const MAX_UNCERTAIN_VOTERS = 12;

/** Scratch per seat: [v] each voter's chance of accepting the package at hand and the uncertain ones; [a] the premia; the packages by the proposer's utility. */
export interface ScreeningScratch {
  chance: Float64Array;
  uncertain: Int32Array;
  premium: Float64Array;
  /** The packages from the proposer's best down to its reservation utility (sorted once per run: `ordered` false after begin; `orderedCount` of them), and the merge sort's buffer. */
  order: Int32Array;
  ordered: boolean;
  orderedCount: number;
  merge: Int32Array;
  /** [p] the needed actor whose answer last settled that package p could not be the offer (−1: none yet): only where the work starts. */
  decisive: Int32Array;
}

export function allocateScreeningScratch(voterCount: number, actorCount: number, packageCount: number): ScreeningScratch {
  return {
    chance: new Float64Array(voterCount),
    uncertain: new Int32Array(voterCount),
    premium: new Float64Array(actorCount),
    order: new Int32Array(packageCount),
    ordered: false,
    orderedCount: 0,
    merge: new Int32Array(packageCount),
    decisive: new Int32Array(packageCount).fill(-1),
  };
}

/** b's chance, as `beliefs` see it, of accepting a package worth u to it (its premium loaded in scratch.premium). */
function acceptChance(beliefs: LearnedBeliefs, scratch: ScreeningScratch, b: number, u: number): number {
  return beliefCdf(beliefs, b, u - scratch.premium[b] + UTILITY_EPSILON);
}

/** The chance that package p is agreed when `proposer` offers it in round k. */
function agreedChance(table: NegotiationTable, beliefs: LearnedBeliefs, proposer: number, p: PackageId, scratch: ScreeningScratch): number {
  const { compiled, instance } = table;
  const { utility, packageCount: P } = instance;
  const mask = compiled.consentMask[p];
  let chance = 1;
  for (let bit = 0; bit < compiled.consenters.length && chance > 0; bit++) {
    const b = compiled.consenters[bit];
    if ((mask & (1 << bit)) === 0 || b === proposer) continue;
    chance *= acceptChance(beliefs, scratch, b, utility[b * P + p]);
  }
  const rule = compiled.decisionRule;
  if (chance === 0 || rule.voters.length === 0) return chance;
  return chance * coalitionChance(table, beliefs, proposer, p, scratch);
}

/**
 * Without a vote: the chance that package p is agreed (agreedChance's value), or −1 once it is sure
 * that the payoff refused + chance · gain cannot exceed `floor`. Every prefix of the product, and
 * with it every product of some of its factors taken in their order, is at least the whole in
 * floating point (factors in [0, 1], rounding monotone; a NaN factor makes it NaN, as in
 * agreedChance), and the payoff is monotone in the chance: so a bound at or below the floor holds
 * for the product. The needed actor that settled p last time (scratch.decisive[p]) is asked first.
 */
function agreedChanceAbove(
  table: NegotiationTable,
  beliefs: LearnedBeliefs,
  proposer: number,
  p: PackageId,
  scratch: ScreeningScratch,
  refused: number,
  gain: number,
  floor: number,
): number {
  const { compiled, instance } = table;
  const { utility, packageCount: P } = instance;
  const { consenters } = compiled;
  const mask = compiled.consentMask[p];
  const first = scratch.decisive[p];
  // A needed actor whose acceptance the beliefs rule out: its factor, hence the product, is 0 (or NaN).
  if (refused + 0 * gain <= floor) {
    if (first >= 0 && beliefRulesOut(beliefs, first, utility[first * P + p] - scratch.premium[first] + UTILITY_EPSILON)) return -1;
    for (let bit = 0; bit < consenters.length; bit++) {
      const b = consenters[bit];
      if ((mask & (1 << bit)) === 0 || b === proposer) continue;
      if (beliefRulesOut(beliefs, b, utility[b * P + p] - scratch.premium[b] + UTILITY_EPSILON)) {
        scratch.decisive[p] = b;
        return -1;
      }
    }
  }
  // The first-asked actor's factor, until the product below reaches it (then 1).
  let pending = 1;
  if (first >= 0) {
    pending = acceptChance(beliefs, scratch, first, utility[first * P + p]);
    if (refused + pending * gain <= floor) return -1;
  }
  let chance = 1;
  for (let bit = 0; bit < consenters.length && chance > 0; bit++) {
    const b = consenters[bit];
    if ((mask & (1 << bit)) === 0 || b === proposer) continue;
    if (b === first) {
      chance *= pending;
      pending = 1;
    } else chance *= acceptChance(beliefs, scratch, b, utility[b * P + p]);
    if (refused + chance * pending * gain <= floor) {
      scratch.decisive[p] = b;
      return -1;
    }
  }
  return chance;
}

/** The chance that the voters accepting p (the needed ones and the proposer surely) form a winning coalition. */
function coalitionChance(table: NegotiationTable, beliefs: LearnedBeliefs, proposer: number, p: PackageId, scratch: ScreeningScratch): number {
  const { compiled, instance } = table;
  const rule = compiled.decisionRule;
  const P = instance.packageCount;
  const mask = compiled.consentMask[p];
  const { chance, uncertain } = scratch;
  let weight = 0;
  let population = 0;
  let n = 0;
  for (let v = 0; v < rule.voters.length; v++) {
    const a = rule.voters[v];
    const bit = compiled.consenters.indexOf(a);
    const needed = bit >= 0 && (mask & (1 << bit)) !== 0;
    chance[v] = a === proposer || needed ? 1 : acceptChance(beliefs, scratch, a, instance.utility[a * P + p]);
    if (chance[v] > 0 && chance[v] < 1 && n < MAX_UNCERTAIN_VOTERS) uncertain[n++] = v;
    else if (chance[v] >= 0.5) {
      weight += rule.weight[v];
      if (rule.population !== null) population += rule.population[v];
    }
  }
  let total = 0;
  for (let subset = 0; subset < 1 << n; subset++) {
    let probability = 1;
    let w = weight;
    let pop = population;
    for (let i = 0; i < n; i++) {
      const v = uncertain[i];
      if ((subset & (1 << i)) !== 0) {
        probability *= chance[v];
        w += rule.weight[v];
        if (rule.population !== null) pop += rule.population[v];
      } else probability *= 1 - chance[v];
    }
    if (isWinning(rule, w, pop)) total += probability;
  }
  return total;
}

/** The proposer's best package by expected payoff in round k (lower id on ties), or −1 to pass. */
export function screeningOffer(
  table: NegotiationTable,
  values: ContinuationValues,
  beliefs: LearnedBeliefs,
  proposer: number,
  k: number,
  scratch: ScreeningScratch,
): PackageId {
  const { instance } = table;
  const P = instance.packageCount;
  const A = instance.actorCount;
  const row = proposer * P;
  const reservation = instance.reservation[proposer];
  if (!scratch.ordered) scratch.orderedCount = orderByOwnUtility(instance.utility, row, P, reservation - UTILITY_EPSILON, scratch.order, scratch.merge);
  scratch.ordered = true;
  for (let b = 0; b < A; b++) scratch.premium[b] = values.threshold[k * A + b] - beliefMean(beliefs, b);
  const refused = values.rejecting[k * A + proposer];
  const vote = table.compiled.decisionRule.voters.length > 0;
  let best = -1;
  let bestPayoff = refused;
  for (let n = 0; n < scratch.orderedCount; n++) {
    const p = scratch.order[n];
    const own = instance.utility[row + p];
    // E(p) lies between C_j and u_j(p): once u_j is no better than the best payoff, no later package can win.
    if (own < reservation - UTILITY_EPSILON || own <= bestPayoff) break;
    // A payoff at or below this floor fails both tests below (bestPayoff − ε only matters to a lower id than the best's).
    const floor = best >= 0 && p < best ? bestPayoff - UTILITY_EPSILON : bestPayoff + UTILITY_EPSILON;
    const chance = vote
      ? agreedChance(table, beliefs, proposer, p, scratch)
      : agreedChanceAbove(table, beliefs, proposer, p, scratch, refused, own - refused, floor);
    if (chance < 0) continue;
    const payoff = refused + chance * (own - refused);
    if (payoff > bestPayoff + UTILITY_EPSILON || (payoff > bestPayoff - UTILITY_EPSILON && best >= 0 && p < best)) {
      if (payoff > bestPayoff) bestPayoff = payoff;
      best = p;
    }
  }
  return best;
}

/**
 * The packages by the proposer's utility, highest first (lower id on ties), down to those worth
 * less than `cut` (the scan stops at the first of them, so they are left out): their count. A
 * stable bottom-up merge sort of the ids in order, which for utilities without NaN is the one order
 * the comparator `u[y] − u[x] || x − y` admits (equal utilities, infinities too, fall to the id). A
 * NaN makes that comparator inconsistent: then the comparator sort itself of all P, as before.
 */
export function orderByOwnUtility(utility: Float64Array, row: number, P: number, cut: number, order: Int32Array, buffer: Int32Array): number {
  let n = 0;
  for (let p = 0; p < P; p++) {
    const u = utility[row + p];
    if (Number.isNaN(u)) {
      for (let q = 0; q < P; q++) order[q] = q;
      order.sort((x, y) => utility[row + y] - utility[row + x] || x - y);
      return P;
    }
    if (!(u < cut)) order[n++] = p;
  }
  let from = order;
  let to = buffer;
  for (let size = 1; size < n; size *= 2) {
    for (let start = 0; start < n; start += 2 * size) {
      const middle = Math.min(start + size, n);
      const end = Math.min(start + 2 * size, n);
      let i = start;
      let j = middle;
      let out = start;
      // Ties take the left run first: it holds the lower ids.
      while (i < middle && j < end) to[out++] = utility[row + from[j]] > utility[row + from[i]] ? from[j++] : from[i++];
      while (i < middle) to[out++] = from[i++];
      while (j < end) to[out++] = from[j++];
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== order) order.set(from.subarray(0, n));
  return n;
}
