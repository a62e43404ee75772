/**
 * One round of the equilibrium recursion on the model's own packages (continuation-values.ts):
 * the package each proposer offers given the round's thresholds — the best for itself among those
 * every actor whose consent it needs accepts and, under a vote, a winning coalition accepts
 * (decision-rule.ts) — and what that offer is worth to everyone.
 *
 * A proposer indifferent between several such packages offers the lowest-numbered one. Under
 * random recognition its offer's worth to the others is the mean over those packages: it is taken
 * to pick each with equal chance, as in Baron & Ferejohn's (1989) symmetric stationary equilibrium,
 * where a proposer forms each cheapest coalition with equal probability.
 *
 * Cost: one pass over the P packages to list those every needed actor (and a winning coalition)
 * prefers to war — no round's thresholds, all ≥ r, admit any other — then per round one pass over
 * that list checking the needed actors (stopping at the first short one) and the vote.
 */
import type { NegotiationTable } from './negotiation-table.ts';
import type { PackageId } from './compiled-scenario.ts';
import { UTILITY_EPSILON } from './negotiator.ts';
import { winningAt } from './decision-rule.ts';
import type { ContinuationValues } from './continuation-table.ts';

/** Fills the per-consent-bit scratch with round k's thresholds (less the tolerance) and utility rows. */
export function loadThresholds(table: NegotiationTable, values: ContinuationValues, k: number): void {
  const { consenters } = table.compiled;
  const A = values.actorCount;
  const P = table.instance.packageCount;
  for (let b = 0; b < consenters.length; b++) {
    values.bitRow[b] = consenters[b] * P;
    values.bitThreshold[b] = values.threshold[k * A + consenters[b]] - UTILITY_EPSILON;
  }
}

/** Lists the packages every actor whose consent they need, and a winning coalition, value at least at their reservation utility. */
export function findCandidates(table: NegotiationTable, reservation: Float64Array, offset: number, values: ContinuationValues): void {
  const { consenters, consentMask, decisionRule } = table.compiled;
  const { utility, packageCount: P } = table.instance;
  const { bitRow, bitThreshold, candidates } = values;
  for (let b = 0; b < consenters.length; b++) {
    bitRow[b] = consenters[b] * P;
    bitThreshold[b] = reservation[offset + consenters[b]] - UTILITY_EPSILON;
  }
  let n = 0;
  for (let p = 0; p < P; p++) {
    if (acceptedByAll(consentMask[p], p, utility, bitRow, bitThreshold) && winningAt(decisionRule, utility, P, p, reservation, offset, UTILITY_EPSILON))
      candidates[n++] = p;
  }
  values.candidateCount = n;
}

/** Whether every actor whose consent bit is set in `mask` gets at least its threshold from package p. */
function acceptedByAll(mask: number, p: number, utility: Float64Array, bitRow: Int32Array, bitThreshold: Float64Array): boolean {
  let m = mask | 0;
  while (m !== 0) {
    const low = m & -m;
    const b = 31 - Math.clz32(low);
    if (utility[bitRow[b] + p] < bitThreshold[b]) return false;
    m ^= low;
  }
  return true;
}

/** Whether package p is agreed at round k's thresholds (loaded): the needed actors and, under a vote, a winning coalition (`accepting` counted in). */
function agreedAt(table: NegotiationTable, values: ContinuationValues, k: number, p: PackageId, accepting = -1): boolean {
  const { consentMask, decisionRule } = table.compiled;
  const { utility, packageCount } = table.instance;
  return (
    acceptedByAll(consentMask[p], p, utility, values.bitRow, values.bitThreshold) &&
    winningAt(decisionRule, utility, packageCount, p, values.threshold, k * values.actorCount, UTILITY_EPSILON, accepting)
  );
}

/**
 * The package best for `proposer` among those agreed at round k's thresholds (loaded); lower id on
 * ties; −1 if none. `ownConsent` false: the proposer's own threshold is left out (it accepts its
 * own offer).
 */
export function bestFor(table: NegotiationTable, values: ContinuationValues, k: number, proposer: number, ownConsent = true): PackageId {
  const { utility, packageCount: P } = table.instance;
  const { candidates, candidateCount } = values;
  const ownRow = proposer * P;
  const ownBit = ownConsent ? -1 : table.compiled.consenters.indexOf(proposer);
  if (ownBit >= 0) values.bitThreshold[ownBit] = -Infinity;
  let best = -1;
  let bestUtility = -Infinity;
  for (let c = 0; c < candidateCount; c++) {
    const p = candidates[c];
    const own = utility[ownRow + p];
    // A package no better for the proposer than the best so far needs no check.
    if (own <= bestUtility || !agreedAt(table, values, k, p, ownConsent ? -1 : proposer)) continue;
    best = p;
    bestUtility = own;
  }
  return best;
}

/**
 * Round k's offers of the first J of `proposerActors` (thresholds loaded): bestPackage[s],
 * bestOwn[s], and offerValue[s × A + a], the offer's worth to each actor a — under random
 * recognition the mean over the proposer's equally good packages (see the top comment).
 */
export function gridOffers(table: NegotiationTable, values: ContinuationValues, k: number, J: number, random: boolean): void {
  const { utility, packageCount: P, actorCount: A } = table.instance;
  const { proposerActors, bestPackage, bestOwn, offerValue, tieCount, candidates, candidateCount } = values;
  if (!random) {
    const j = proposerActors[0];
    const p = bestFor(table, values, k, j);
    bestPackage[0] = p;
    bestOwn[0] = p >= 0 ? utility[j * P + p] : -Infinity;
    if (p >= 0) for (let a = 0; a < A; a++) offerValue[a] = utility[a * P + p];
    return;
  }
  for (let s = 0; s < J; s++) {
    bestPackage[s] = -1;
    bestOwn[s] = -Infinity;
    tieCount[s] = 0;
  }
  for (let c = 0; c < candidateCount; c++) {
    const p = candidates[c];
    let agreedChecked = false;
    for (let s = 0; s < J; s++) {
      const own = utility[proposerActors[s] * P + p];
      const tie = Math.abs(own - bestOwn[s]) <= UTILITY_EPSILON;
      if (!tie && own < bestOwn[s]) continue;
      if (!agreedChecked) {
        if (!agreedAt(table, values, k, p)) break;
        agreedChecked = true;
      }
      const row = s * A;
      if (tie) {
        tieCount[s]++;
        for (let a = 0; a < A; a++) offerValue[row + a] += utility[a * P + p];
      } else {
        bestOwn[s] = own;
        bestPackage[s] = p;
        tieCount[s] = 1;
        for (let a = 0; a < A; a++) offerValue[row + a] = utility[a * P + p];
      }
    }
  }
  for (let s = 0; s < J; s++) {
    if (tieCount[s] > 1) for (let a = 0; a < A; a++) offerValue[s * A + a] /= tieCount[s];
  }
}

/**
 * The package `proposer` offers in round k of a solved game, on the model's packages.
 *
 * Solved on the packages: the same rule as the recursion's — its best package agreed at the
 * round's thresholds, or a pass if that is worth less to it than a failed round.
 *
 * Solved on the continuum: the continuum's thresholds decide what the others accept on the model's
 * levels. The proposer offers its best package that every other needed actor (and, with it, a
 * winning coalition) accepts — the continuum offer rounded in the others' favour, so within about
 * one level of it — and passes only where the continuum solution passes (or no package is
 * accepted). It does not hold its own offer to its continuum threshold: a rounded offer can fall a
 * level short of it, but waiting would only be rounded again, and with patience near 1 the window
 * between the two thresholds, 1 − δ wide in Rubinstein's game, can be narrower than a level.
 */
export function offerAt(table: NegotiationTable, values: ContinuationValues, proposer: number, k: number): PackageId {
  loadThresholds(table, values, k);
  const row = k * values.actorCount;
  if (values.continuum !== null) {
    if (values.offerPart[row + proposer] === -1) return -1;
    return bestFor(table, values, k, proposer, false);
  }
  const best = bestFor(table, values, k, proposer);
  const own = best >= 0 ? table.instance.utility[proposer * table.instance.packageCount + best] : -Infinity;
  return best >= 0 && own >= values.rejecting[row + proposer] - UTILITY_EPSILON ? best : -1;
}
