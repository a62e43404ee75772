/**
 * The mergeable aggregate of a range of runs: fixed size (it does not grow with the number of
 * runs), folded one run at a time, merged exactly with the aggregate of the next range.
 *
 * It holds only what merges exactly: counts (exact in doubles below 2^53), fixed-bin histograms,
 * per-package deal counts (top-K packages are read off at the end, so they are exact too), and
 * sums kept exactly (exact-sum.ts). Merging is therefore associative: the same seed and runs give
 * the same bits with any number of workers, chunks or shards. Ranges are still merged in run
 * order, for the convergence trace.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { Status, type RunResult } from '../negotiation/run-result.ts';
import { support } from '../scenario/distribution-math.ts';
import type { Instance } from '../negotiation/preferences.ts';
import type { RunIndex } from './seeding.ts';
import { addExact, exactSumScale } from './exact-sum.ts';

/** Outcome utilities are histogrammed on [UTILITY_MIN, UTILITY_MAX) in bins of UTILITY_BIN_WIDTH. */
export const UTILITY_MIN = -1;
export const UTILITY_MAX = 2;
export const UTILITY_BIN_WIDTH = 0.001;
export const UTILITY_BINS = Math.round((UTILITY_MAX - UTILITY_MIN) / UTILITY_BIN_WIDTH);
/** Bins over the support of each uncertain parameter (two for a yes/no fact). */
export const ASSUMPTION_BINS = 10;
/** The convergence trace keeps about this many points. */
export const TRACE_POINTS = 200;

/** A batch: the runs [firstRun, firstRun + runs) of one seed. Chunks and shards are ranges of it. */
export interface Batch {
  firstRun: RunIndex;
  runs: number;
}

export interface Aggregate {
  /** The runs [firstRun, endRun) of `batch`. */
  firstRun: RunIndex;
  endRun: RunIndex;
  batch: Batch;
  /** [status] number of runs. */
  outcomes: Float64Array;
  /** [status × (rounds + 1) + round] number of runs ending in that round. */
  roundsByStatus: Float64Array;
  /** [p] number of deals on package p. */
  packageDeals: Float64Array;
  /** [a × UTILITY_BINS + bin] outcome utility histogram (values outside the range go to the end bins). */
  utilityHistogram: Float64Array;
  /** [a] outcome utilities that fell outside [UTILITY_MIN, UTILITY_MAX) and were put in an end bin. */
  utilityOutOfRange: Float64Array;
  /** Exact sums (exact-sum.ts, two cells each) per actor: outcome utilities, those in deals, reservation utilities. */
  utilitySum: Float64Array;
  dealUtilitySum: Float64Array;
  reservationSum: Float64Array;
  /** [a] runs whose outcome left the actor strictly above its reservation utility. */
  aboveReservation: Float64Array;
  /** [u × ASSUMPTION_BINS × 3 + bin × 3 + status] runs by bin of uncertain parameter u and outcome. */
  assumptionOutcomes: Float64Array;
  /** Exact sums (two cells each) of the sampled values of each uncertain parameter. */
  assumptionSum: Float64Array;
  /** Convergence trace: after the first `traceRuns[k]` runs of the batch, `traceDeals[k]` deals. */
  traceRuns: number[];
  traceDeals: number[];
}

export function createAggregate(compiled: CompiledScenario, batch: Batch, firstRun: RunIndex = batch.firstRun): Aggregate {
  const A = compiled.actors.length;
  return {
    firstRun,
    endRun: firstRun,
    batch: { firstRun: batch.firstRun, runs: batch.runs },
    outcomes: new Float64Array(3),
    roundsByStatus: new Float64Array(3 * (compiled.rounds + 1)),
    packageDeals: new Float64Array(compiled.packageCount),
    utilityHistogram: new Float64Array(A * UTILITY_BINS),
    utilityOutOfRange: new Float64Array(A),
    utilitySum: new Float64Array(2 * A),
    dealUtilitySum: new Float64Array(2 * A),
    reservationSum: new Float64Array(2 * A),
    aboveReservation: new Float64Array(A),
    assumptionOutcomes: new Float64Array(compiled.uncertainParameters.length * ASSUMPTION_BINS * 3),
    assumptionSum: new Float64Array(2 * compiled.uncertainParameters.length),
    traceRuns: [],
    traceDeals: [],
  };
}

/** Runs of the batch between two points of the convergence trace. */
export function traceStep(batchRuns: number): number {
  return Math.max(1, Math.ceil(batchRuns / TRACE_POINTS));
}

/** The bin of a sampled value within the support of its distribution. */
export function assumptionBin(value: number, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  const bin = Math.floor(((value - lo) / (hi - lo)) * ASSUMPTION_BINS);
  return bin < 0 ? 0 : bin >= ASSUMPTION_BINS ? ASSUMPTION_BINS - 1 : bin;
}

/** What folding needs besides the run: supports of the uncertain parameters and the exact-sum scales. */
export interface FoldTables {
  /** [2u], [2u + 1]: the support [lo, hi] of uncertain parameter u. */
  supports: Float64Array;
  /** Scale of the exact sums of utilities: |u| ≤ 1 + number of interactions (each effect in [−1, 1]). */
  utilityScale: number;
  /** [u] scale of the exact sum of uncertain parameter u, from its support. */
  assumptionScales: Float64Array;
}

export function foldTables(compiled: CompiledScenario): FoldTables {
  const U = compiled.uncertainParameters.length;
  const supports = new Float64Array(U * 2);
  const assumptionScales = new Float64Array(U);
  compiled.uncertainParameters.forEach((k, u) => {
    const [lo, hi] = support(compiled.parameters[k].distribution);
    supports[2 * u] = lo;
    supports[2 * u + 1] = hi;
    assumptionScales[u] = exactSumScale(Math.max(Math.abs(lo), Math.abs(hi)));
  });
  return { supports, utilityScale: exactSumScale(1 + compiled.interactions.length), assumptionScales };
}

/** Adds run `run` (the next one after `agg.endRun − 1`) to the aggregate. */
export function foldRun(
  agg: Aggregate,
  compiled: CompiledScenario,
  tables: FoldTables,
  run: RunIndex,
  result: RunResult,
  instance: Instance,
  sampled: Float64Array,
): void {
  if (run !== agg.endRun) throw new Error(`runs must be folded in order: expected run ${agg.endRun}, got ${run}`);
  const status = result.status;
  agg.outcomes[status] += 1;
  agg.roundsByStatus[status * (compiled.rounds + 1) + result.round] += 1;
  if (status === Status.Deal) agg.packageDeals[result.packageId] += 1;

  const A = compiled.actors.length;
  for (let a = 0; a < A; a++) {
    const u = result.utilities[a];
    const r = instance.reservation[a];
    let bin = Math.floor((u - UTILITY_MIN) / UTILITY_BIN_WIDTH);
    if (bin < 0 || bin >= UTILITY_BINS) {
      agg.utilityOutOfRange[a] += 1;
      bin = bin < 0 ? 0 : UTILITY_BINS - 1;
    }
    agg.utilityHistogram[a * UTILITY_BINS + bin] += 1;
    addExact(agg.utilitySum, a, u, tables.utilityScale);
    addExact(agg.reservationSum, a, r, tables.utilityScale);
    if (status === Status.Deal) addExact(agg.dealUtilitySum, a, u, tables.utilityScale);
    if (u > r) agg.aboveReservation[a] += 1;
  }

  const uncertain = compiled.uncertainParameters;
  const { supports, assumptionScales } = tables;
  for (let u = 0; u < uncertain.length; u++) {
    const value = sampled[uncertain[u]];
    const bin = assumptionBin(value, supports[2 * u], supports[2 * u + 1]);
    agg.assumptionOutcomes[(u * ASSUMPTION_BINS + bin) * 3 + status] += 1;
    addExact(agg.assumptionSum, u, value, assumptionScales[u]);
  }

  agg.endRun = run + 1;
  // Trace points sit at fixed positions within the batch, whichever chunk reaches them.
  const done = run + 1 - agg.batch.firstRun;
  if (done % traceStep(agg.batch.runs) === 0 || done === agg.batch.runs) {
    agg.traceRuns.push(done);
    agg.traceDeals.push(agg.outcomes[Status.Deal]);
  }
}

function addInto(into: Float64Array, from: Float64Array): void {
  for (let k = 0; k < into.length; k++) into[k] += from[k];
}

/**
 * Merges `next` (the runs right after `into`'s) into `into`. The trace of `next` counted deals
 * from its own first run; it is shifted by the deals before it.
 */
export function mergeAggregates(into: Aggregate, next: Aggregate): Aggregate {
  if (next.firstRun !== into.endRun) {
    throw new Error(`aggregates must be merged in run order: expected runs from ${into.endRun}, got ${next.firstRun}`);
  }
  const dealsBefore = into.outcomes[Status.Deal];
  addInto(into.outcomes, next.outcomes);
  addInto(into.roundsByStatus, next.roundsByStatus);
  addInto(into.packageDeals, next.packageDeals);
  addInto(into.utilityHistogram, next.utilityHistogram);
  addInto(into.utilityOutOfRange, next.utilityOutOfRange);
  addInto(into.utilitySum, next.utilitySum);
  addInto(into.dealUtilitySum, next.dealUtilitySum);
  addInto(into.reservationSum, next.reservationSum);
  addInto(into.aboveReservation, next.aboveReservation);
  addInto(into.assumptionOutcomes, next.assumptionOutcomes);
  addInto(into.assumptionSum, next.assumptionSum);
  for (let k = 0; k < next.traceRuns.length; k++) {
    into.traceRuns.push(next.traceRuns[k]);
    into.traceDeals.push(next.traceDeals[k] + dealsBefore);
  }
  into.endRun = next.endRun;
  return into;
}
