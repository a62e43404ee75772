/**
 * Continuation values of complete-information bargaining, by backward induction from the deadline:
 * the subgame-perfect equilibrium of finite-horizon alternating offers (Ståhl 1972; Rubinstein
 * 1982 as its limit), with a risk of breakdown after each rejection (Binmore, Rubinstein &
 * Wolinsky 1986), and with a randomly recognized proposer (Baron & Ferejohn 1989).
 *
 * In round-k units (a deal in round k on p is worth u(p); parley's payoff r + δ^(k−1)(u − r)
 * divided out), rejecting in round k is worth to actor a
 *
 *   C_a(k) = r_a + (1 − q) · δ_a · (V_a(k + 1) − r_a)        (C_a(T − 1) = r_a: the deadline)
 *
 * with q the breakdown risk, δ_a its patience and V_a(k + 1) its value at the start of the next
 * round. A responder accepts iff the offer is worth at least C_a(k) (and at least r_a: no
 * negotiator in parley accepts less than war — this binds only when a later deal that does not
 * need a's consent would leave it below war). The proposer j offers the package best for itself
 * among those giving every actor whose consent the package needs at least its threshold, or
 * passes (a rejected round) when even that is worth less to it than C_j(k). So
 *
 *   V_a(k) = Σ_j π_j(k) · (u_a(p*_j(k)) if j offers, else C_a(k)),
 *
 * π_j(k) = 1 for the scheduled proposer under alternating offers (and every mechanism other
 * than random-proposer), the recognition probability under random-proposer.
 *
 * Who believes what: the reservation utilities and patience are read from one observer's
 * belief row (its own true values, its beliefs about the others; negotiation-table.ts), so each
 * negotiator solves the game as it sees it. Utilities, capabilities and the breakdown risk are
 * common knowledge.
 *
 * Without a deadline (an open-ended run) the game is solved for its stationary equilibrium: the
 * same backward induction from the safety cap (maxRounds), stopped as soon as a whole period of
 * rounds (the proposer cycle; one round under random recognition) repeats the next period's
 * offers and values (within 1e-12) — the limit of the finite games as the deadline recedes, which
 * on the continuum is Rubinstein's and Binmore, Rubinstein & Wolinsky's stationary solution. If
 * it has not repeated by round 0, the cap acts as a deadline.
 *
 * Cost: one pass over the P packages to list those every needed actor prefers to war (no round's
 * thresholds, all ≥ r, admit any other), then per round one pass over that list checking the
 * needed actors (stopping at the first short one) and comparing for the proposers. Arrays are
 * allocated per scenario and reused between runs.
 */
import type { CompiledScenario, PackageId } from './compiled-scenario.ts';
import type { NegotiationTable } from './negotiation-table.ts';
import { UTILITY_EPSILON } from './negotiator.ts';
import { recognitionProbabilities } from './mechanisms/random-proposer.ts';

/** In `offers`: this actor does not propose in this round under the mechanism (not solved). */
export const NOT_PROPOSING = -2;

export interface ContinuationValues {
  /** Rows allocated (compiled.maxRounds); `solvedRounds` of them hold this run's solution. */
  rounds: number;
  solvedRounds: number;
  /** A stationary solution: rows [periodStart, periodStart + period) repeat forever (period 0: a deadline). */
  periodStart: number;
  period: number;
  actorCount: number;
  /** [k × A + a] what rejecting in round k is worth to a, in round-k units: C_a(k). */
  rejecting: Float64Array;
  /** [k × A + a] the least a accepts in round k: max(r_a, C_a(k)). */
  threshold: Float64Array;
  /** [k × A + a] a's value at the start of round k (round-k units); row T holds r (deadline). */
  value: Float64Array;
  /** [k × A + j] the package j offers in round k if it proposes; −1 it passes; NOT_PROPOSING. */
  offers: Int32Array;
  /** Scratch: recognition probabilities [A], the round's proposers and their best packages. */
  recognition: Float64Array;
  proposerActors: Int32Array;
  proposerWeights: Float64Array;
  bestPackage: Int32Array;
  bestOwn: Float64Array;
  /** Scratch per consent bit: the consenter's threshold (less the tolerance) and utility row. */
  bitThreshold: Float64Array;
  bitRow: Int32Array;
  /** The packages every actor whose consent they need prefers to war (as this solution believes):
   * the only ones any round's thresholds (≥ r) can admit; `candidateCount` of them, in id order. */
  candidates: Int32Array;
  candidateCount: number;
}

export function allocateContinuationValues(rounds: number, actorCount: number, packageCount: number): ContinuationValues {
  const A = actorCount;
  return {
    rounds,
    solvedRounds: rounds,
    periodStart: 0,
    period: 0,
    actorCount,
    rejecting: new Float64Array(rounds * A),
    threshold: new Float64Array(rounds * A),
    value: new Float64Array((rounds + 1) * A),
    offers: new Int32Array(rounds * A),
    recognition: new Float64Array(A),
    proposerActors: new Int32Array(A),
    proposerWeights: new Float64Array(A),
    bestPackage: new Int32Array(A),
    bestOwn: new Float64Array(A),
    bitThreshold: new Float64Array(32),
    bitRow: new Int32Array(32),
    candidates: new Int32Array(packageCount),
    candidateCount: 0,
  };
}

/** `values` if it fits the scenario, else a new one that does. */
export function continuationValuesFor(compiled: CompiledScenario, values: ContinuationValues | undefined): ContinuationValues {
  const A = compiled.actors.length;
  const P = compiled.packageCount;
  if (values !== undefined && values.rounds === compiled.maxRounds && values.actorCount === A && values.candidates.length === P) return values;
  return allocateContinuationValues(compiled.maxRounds, A, P);
}

/** The row of a solved game that round `round` (0-based) of the run plays. */
export function rowOf(values: ContinuationValues, round: number): number {
  if (values.period > 0 && round >= values.periodStart) return values.periodStart + ((round - values.periodStart) % values.period);
  if (values.period > 0) return values.periodStart + ((((round - values.periodStart) % values.period) + values.period) % values.period);
  return Math.min(round, values.solvedRounds - 1);
}

/** Whether rows k … k + period − 1 repeat rows k + period … k + 2·period − 1 (offers equal, values within 1e-12). */
function repeatsNextPeriod(values: ContinuationValues, k: number, period: number, T: number): boolean {
  if (k + 2 * period > T) return false;
  const A = values.actorCount;
  for (let j = k * A; j < (k + period) * A; j++) {
    const next = j + period * A;
    if (values.offers[j] !== values.offers[next] || Math.abs(values.value[j] - values.value[next]) > 1e-12 || Math.abs(values.threshold[j] - values.threshold[next]) > 1e-12) return false;
  }
  return true;
}

/**
 * Solves the game as seen through `reservation` and `patience` (each read at [offset + a]: the
 * truth, or one observer's belief row) into `out`, sized by `continuationValuesFor`.
 */
export function solveContinuationValues(
  table: NegotiationTable,
  reservation: Float64Array,
  patience: Float64Array,
  offset: number,
  out: ContinuationValues,
): ContinuationValues {
  const { compiled, instance } = table;
  const { proposers } = instance;
  const { utility } = instance;
  const A = instance.actorCount;
  const P = instance.packageCount;
  const stationary = !instance.hasDeadline;
  const T = stationary ? compiled.maxRounds : instance.rounds;
  const survive = 1 - instance.breakdownRisk;
  const { rejecting, threshold, value, offers, proposerActors, proposerWeights, bestPackage, bestOwn } = out;
  out.solvedRounds = T;
  out.period = 0;
  out.periodStart = 0;

  // Random recognition: the same proposers and probabilities every round.
  const random = compiled.mechanisms[instance.mechanism] === 'random-proposer';
  const period = random ? 1 : proposers.length;
  let J = 1;
  if (random) {
    recognitionProbabilities(compiled, instance, out.recognition);
    J = 0;
    for (let a = 0; a < A; a++) {
      if (out.recognition[a] <= 0) continue;
      proposerActors[J] = a;
      proposerWeights[J++] = out.recognition[a];
    }
  } else {
    proposerWeights[0] = 1;
  }

  for (let a = 0; a < A; a++) value[T * A + a] = reservation[offset + a];
  findCandidates(table, reservation, offset, out);
  offers.fill(NOT_PROPOSING, 0, T * A);
  for (let k = T - 1; k >= 0; k--) {
    const row = k * A;
    for (let a = 0; a < A; a++) {
      const r = reservation[offset + a];
      const c = k === T - 1 ? r : r + survive * patience[offset + a] * (value[row + A + a] - r);
      rejecting[row + a] = c;
      threshold[row + a] = c > r ? c : r;
    }
    loadThresholds(table, out, k);
    if (random) bestForEach(table, out, J);
    else {
      proposerActors[0] = proposers[k % proposers.length];
      bestPackage[0] = bestFor(table, out, proposerActors[0]);
      bestOwn[0] = bestPackage[0] >= 0 ? utility[proposerActors[0] * P + bestPackage[0]] : -Infinity;
    }

    for (let a = 0; a < A; a++) value[row + a] = 0;
    for (let s = 0; s < J; s++) {
      const j = proposerActors[s];
      let offer = bestPackage[s];
      // A proposer who gains less from its best acceptable package than from a failed round passes.
      if (offer >= 0 && bestOwn[s] < rejecting[row + j] - UTILITY_EPSILON) offer = -1;
      offers[row + j] = offer;
      const w = proposerWeights[s];
      for (let a = 0; a < A; a++) value[row + a] += w * (offer >= 0 ? utility[a * P + offer] : rejecting[row + a]);
    }
    if (stationary && repeatsNextPeriod(out, k, period, T)) {
      out.periodStart = k;
      out.period = period;
      break;
    }
  }
  return out;
}

/** Fills the per-consent-bit scratch with round k's thresholds (less the tolerance) and utility rows. */
function loadThresholds(table: NegotiationTable, values: ContinuationValues, k: number): void {
  const { consenters } = table.compiled;
  const A = values.actorCount;
  const P = table.instance.packageCount;
  for (let b = 0; b < consenters.length; b++) {
    values.bitRow[b] = consenters[b] * P;
    values.bitThreshold[b] = values.threshold[k * A + consenters[b]] - UTILITY_EPSILON;
  }
}

/** Lists the packages every actor whose consent they need values at least at its reservation utility. */
function findCandidates(table: NegotiationTable, reservation: Float64Array, offset: number, values: ContinuationValues): void {
  const { consenters, consentMask } = table.compiled;
  const { utility, packageCount: P } = table.instance;
  const { bitRow, bitThreshold, candidates } = values;
  for (let b = 0; b < consenters.length; b++) {
    bitRow[b] = consenters[b] * P;
    bitThreshold[b] = reservation[offset + consenters[b]] - UTILITY_EPSILON;
  }
  let n = 0;
  for (let p = 0; p < P; p++) if (acceptedByAll(consentMask[p], p, utility, bitRow, bitThreshold)) candidates[n++] = p;
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

/** The package best for `proposer` among those every needed actor accepts (loaded thresholds); lower id on ties; −1 if none. */
function bestFor(table: NegotiationTable, values: ContinuationValues, proposer: number): PackageId {
  const { consentMask } = table.compiled;
  const { utility, packageCount: P } = table.instance;
  const { bitRow, bitThreshold, candidates, candidateCount } = values;
  const ownRow = proposer * P;
  let best = -1;
  let bestUtility = -Infinity;
  for (let c = 0; c < candidateCount; c++) {
    const p = candidates[c];
    const own = utility[ownRow + p];
    // A package no better for the proposer than the best so far needs no consent check.
    if (own <= bestUtility || !acceptedByAll(consentMask[p], p, utility, bitRow, bitThreshold)) continue;
    best = p;
    bestUtility = own;
  }
  return best;
}

/** `bestFor` for the first J of `proposerActors` at once: one consent check per package. */
function bestForEach(table: NegotiationTable, values: ContinuationValues, J: number): void {
  const { consentMask } = table.compiled;
  const { utility, packageCount: P } = table.instance;
  const { bitRow, bitThreshold, proposerActors, bestPackage, bestOwn, candidates, candidateCount } = values;
  for (let s = 0; s < J; s++) {
    bestPackage[s] = -1;
    bestOwn[s] = -Infinity;
  }
  for (let c = 0; c < candidateCount; c++) {
    const p = candidates[c];
    if (!acceptedByAll(consentMask[p], p, utility, bitRow, bitThreshold)) continue;
    for (let s = 0; s < J; s++) {
      const own = utility[proposerActors[s] * P + p];
      if (own > bestOwn[s]) {
        bestOwn[s] = own;
        bestPackage[s] = p;
      }
    }
  }
}

/**
 * The package `proposer` offers in round k of a solved game, for a proposer the mechanism's
 * recursion did not schedule then (the same rule: its best package every needed actor accepts,
 * or a pass if that is worth less to it than a failed round).
 */
export function offerAt(table: NegotiationTable, values: ContinuationValues, proposer: number, k: number): PackageId {
  loadThresholds(table, values, k);
  const best = bestFor(table, values, proposer);
  const own = best >= 0 ? table.instance.utility[proposer * table.instance.packageCount + best] : -Infinity;
  return best >= 0 && own >= values.rejecting[k * values.actorCount + proposer] - UTILITY_EPSILON ? best : -1;
}
