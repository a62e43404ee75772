/**
 * The table an equilibrium solution fills (continuation-values.ts solves it, grid-offers.ts and
 * continuum-offers.ts find its offers, equilibrium seats read it): per round, what rejecting is
 * worth to each actor, the least each accepts, each actor's value, and each proposer's offer — on
 * the model's packages or on the continuum of one issue. Allocated once per scenario and reused
 * between runs.
 */
import type { CompiledScenario } from './compiled-scenario.ts';
import type { ContinuumLayout } from './continuum-layout.ts';

/** Rows (by k mod this) that keep their own memory of which actors left a part without an agreed point (continuum-offers.ts); one more slot serves the reservation utilities. */
export const EXCLUDER_ROWS = 8;

/** Scratch of the continuum solver, per scenario (allocated with the continuation values). */
export interface ContinuumScratch {
  layout: ContinuumLayout;
  /** [a] weight, ideal point and shape of actor a on the issue (this run). */
  weight: Float64Array;
  ideal: Float64Array;
  quadratic: Uint8Array;
  /** [a × D + d] actor a's utility of part d less its value on the issue. */
  base: Float64Array;
  /** Whether the scenario decides by a vote (its decision rule has voters). */
  vote: boolean;
  /** [a] the utility a's acceptance needs in the round at hand: its threshold less the tolerance. */
  cut: Float64Array;
  /** [a] the interval of points a accepts in the part at hand (low > high: none), and the needed actors' intersection. */
  low: Float64Array;
  high: Float64Array;
  agreedLow: number;
  agreedHigh: number;
  /** The parts some point of which every needed actor (and a winning coalition) prefers to war. */
  parts: Int32Array;
  partCount: number;
  /** [s] the point of proposer s's best offer this round. */
  bestPoint: Float64Array;
  /** [s] a bound on what proposer s's utility in a part exceeds the part's base by (continuum-offers.ts). */
  headroom: Float64Array;
  /** [2 × (slot × D + d)] the needed actor, or pair (second −1: none), that last left part d without an agreed point in that
   * slot of rows (continuum-offers.ts; −1: none yet), asked first next time: only where the work starts. */
  excluder: Int32Array;
}

export function allocateContinuumScratch(layout: ContinuumLayout, actorCount: number): ContinuumScratch {
  const A = actorCount;
  return {
    layout,
    weight: new Float64Array(A),
    ideal: new Float64Array(A),
    quadratic: new Uint8Array(A),
    base: new Float64Array(A * layout.partCount),
    vote: false,
    cut: new Float64Array(A),
    low: new Float64Array(A),
    high: new Float64Array(A),
    agreedLow: 0,
    agreedHigh: 0,
    parts: new Int32Array(layout.partCount),
    partCount: 0,
    bestPoint: new Float64Array(A),
    headroom: new Float64Array(A),
    excluder: new Int32Array(2 * (EXCLUDER_ROWS + 1) * layout.partCount).fill(-1),
  };
}

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
  /** [k × A + j] the package j offers in round k if it proposes; −1 it passes; NOT_PROPOSING (not solved, or solved on the continuum: offerAt finds it). */
  offers: Int32Array;
  /** Solved on the continuum (continuum-offers.ts), or null: on the model's packages. */
  continuum: ContinuumScratch | null;
  /** [k × A + j] on the continuum: the part j offers in round k (−1: a pass, −2: not proposing) and the point on the issue. */
  offerPart: Int32Array;
  offerPoint: Float64Array;
  /** Rows from which on `offers` (and `offerPart`) hold nothing but NOT_PROPOSING, so a solve resets only the rows before. */
  offersWritten: number;
  offerPartWritten: number;
  /** A stationary solution: whether the iteration converged, and a bound on the error of stopping it (0 with a deadline). */
  converged: boolean;
  truncationBound: number;
  /** Scratch: recognition probabilities [A], the round's proposers, their best offers and what each is worth to everyone. */
  recognition: Float64Array;
  proposerActors: Int32Array;
  proposerWeights: Float64Array;
  bestPackage: Int32Array;
  bestOwn: Float64Array;
  /** [s × A + a] what proposer s's offer is worth to a (the mean over its equally good offers under random recognition). */
  offerValue: Float64Array;
  tieCount: Int32Array;
  /** Scratch per consent bit: the consenter's threshold (less the tolerance) and utility row. */
  bitThreshold: Float64Array;
  bitRow: Int32Array;
  /** The packages every actor whose consent they need prefers to war (as this solution believes):
   * the only ones any round's thresholds (≥ r) can admit; `candidateCount` of them, in id order. */
  candidates: Int32Array;
  candidateCount: number;
  /** Scratch of the stationary sweeps: the last three sweeps' values at the period's start, then an extrapolation ([4 × A]). */
  sweeps: Float64Array;
}

export function allocateContinuationValues(
  rounds: number,
  actorCount: number,
  packageCount: number,
  layout: ContinuumLayout | null = null,
): ContinuationValues {
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
    continuum: layout === null ? null : allocateContinuumScratch(layout, A),
    offerPart: new Int32Array(layout === null ? 0 : rounds * A),
    offerPoint: new Float64Array(layout === null ? 0 : rounds * A),
    offersWritten: rounds,
    offerPartWritten: rounds,
    converged: true,
    truncationBound: 0,
    recognition: new Float64Array(A),
    proposerActors: new Int32Array(A),
    proposerWeights: new Float64Array(A),
    bestPackage: new Int32Array(A),
    bestOwn: new Float64Array(A),
    offerValue: new Float64Array(A * A),
    tieCount: new Int32Array(A),
    bitThreshold: new Float64Array(32),
    bitRow: new Int32Array(32),
    candidates: new Int32Array(packageCount),
    candidateCount: 0,
    sweeps: new Float64Array(4 * A),
  };
}

/** `values` if it fits the scenario (and the layout), else a new one that does. */
export function continuationValuesFor(
  compiled: CompiledScenario,
  values: ContinuationValues | undefined,
  layout: ContinuumLayout | null = null,
): ContinuationValues {
  const A = compiled.actors.length;
  const P = compiled.packageCount;
  if (
    values !== undefined &&
    values.rounds === compiled.maxRounds &&
    values.actorCount === A &&
    values.candidates.length === P &&
    (values.continuum?.layout ?? null) === layout
  )
    return values;
  return allocateContinuationValues(compiled.maxRounds, A, P, layout);
}

/** The row of a solved game that round `round` (0-based) of the run plays. */
export function rowOf(values: ContinuationValues, round: number): number {
  if (values.period > 0 && round >= values.periodStart) return values.periodStart + ((round - values.periodStart) % values.period);
  if (values.period > 0) return values.periodStart + ((((round - values.periodStart) % values.period) + values.period) % values.period);
  return Math.min(round, values.solvedRounds - 1);
}
