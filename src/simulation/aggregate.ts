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
import type { Batch, BatchRange } from './run-range.ts';
import { Status, STATUS_COUNT, type RunResult } from '../negotiation/run-result.ts';
import { choiceAlternatives, support } from '../scenario/distribution-math.ts';
import type { Instance } from '../negotiation/preferences.ts';
import type { ZoneOfAgreement } from '../negotiation/zone-of-agreement.ts';
import type { EquilibriumReport } from '../negotiation/equilibrium-report.ts';
import type { RunIndex } from './seeding.ts';
import { addExact, exactSumScale } from './exact-sum.ts';

/** Outcome utilities are histogrammed on [UTILITY_MIN, UTILITY_MAX) in bins of UTILITY_BIN_WIDTH. */
export const UTILITY_MIN = -1;
export const UTILITY_MAX = 2;
export const UTILITY_BIN_WIDTH = 0.001;
export const UTILITY_BINS = Math.round((UTILITY_MAX - UTILITY_MIN) / UTILITY_BIN_WIDTH);
/** Bins over the support of each uncertain parameter (two for a yes/no fact; one per alternative of a choice, up to this many). */
export const ASSUMPTION_BINS = 10;
/** Zone widths are histogrammed on [ZONE_MIN, ZONE_MAX) in bins of ZONE_BIN_WIDTH, by outcome. */
export const ZONE_MIN = -1;
export const ZONE_MAX = 1;
export const ZONE_BIN_WIDTH = 0.002;
export const ZONE_BINS = Math.round((ZONE_MAX - ZONE_MIN) / ZONE_BIN_WIDTH);
/** Shortfalls (a veto's r − u, a sole blocker's concession) are histogrammed on [0, SHORTFALL_MAX) in bins of SHORTFALL_BIN_WIDTH. */
export const SHORTFALL_MAX = 2;
export const SHORTFALL_BIN_WIDTH = 0.005;
export const SHORTFALL_BINS = Math.round(SHORTFALL_MAX / SHORTFALL_BIN_WIDTH);
/**
 * Equilibrium grid bounds (grid-bound.ts) are histogrammed in quarter decades from 1e-15 to 10:
 * bin 0 holds bounds ≤ 1e-15 (exact up to float error), bin k ≥ 1 those in (10^(−15 + (k−1)/4),
 * 10^(−15 + k/4)], the last bin everything from 10 on.
 */
export const GRID_BOUND_MIN_LOG10 = -15;
export const GRID_BOUND_BINS_PER_DECADE = 4;
export const GRID_BOUND_BINS = 2 + 16 * GRID_BOUND_BINS_PER_DECADE;

/** The bin of a grid bound (see GRID_BOUND_BINS). */
export function gridBoundBin(bound: number): number {
  if (!(bound > 10 ** GRID_BOUND_MIN_LOG10)) return bound > 0 || Number.isNaN(bound) ? GRID_BOUND_BINS - 1 : 0;
  const k = 1 + Math.floor((Math.log10(bound) - GRID_BOUND_MIN_LOG10) * GRID_BOUND_BINS_PER_DECADE - 1e-9);
  return Math.min(GRID_BOUND_BINS - 1, Math.max(1, k));
}

/** The upper edge of grid-bound bin k (Infinity for the last). */
export function gridBoundBinTop(k: number): number {
  if (k >= GRID_BOUND_BINS - 1) return Infinity;
  return 10 ** (GRID_BOUND_MIN_LOG10 + k / GRID_BOUND_BINS_PER_DECADE);
}

/** The convergence trace keeps about this many points. */
export const TRACE_POINTS = 200;

/** The aggregate of the runs [firstRun, endRun) of `batch`. */
export interface Aggregate extends BatchRange {
  /** [status] number of runs (status as in run-result.ts). */
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
  /** [(u × ASSUMPTION_BINS + bin) × STATUS_COUNT + status] runs by bin of uncertain parameter u and outcome. */
  assumptionOutcomes: Float64Array;
  /** Exact sums (two cells each) of the sampled values of each uncertain parameter. */
  assumptionSum: Float64Array;
  /** [status] runs with a zone of agreement, by outcome. */
  zoneOutcomes: Float64Array;
  /** [status × ZONE_BINS + bin] runs by zone width and outcome; [0]: widths outside the range (put in an end bin). */
  zoneWidth: Float64Array;
  zoneWidthOutOfRange: Float64Array;
  /** [a] runs without a zone in which actor a is short at the package closest to agreement. */
  blockerRuns: Float64Array;
  /** [a × SHORTFALL_BINS + bin] runs without a zone that a alone could open, by the concession it would take. */
  soleConcession: Float64Array;
  /** [p] forecasts of package p (accepted or vetoed); [0] forecasts that named no package. */
  forecastPackages: Float64Array;
  noForecast: Float64Array;
  /** [a] vetoed forecasts that miss a's reservation utility; [a × SHORTFALL_BINS + bin] those it misses most, by the shortfall. */
  shortRuns: Float64Array;
  vetoShortfall: Float64Array;
  /** [p] vetoed forecasts whose nearest acceptable package is p; exact sum (two cells) of the distances. */
  nearestAccepted: Float64Array;
  nearestDistanceSum: Float64Array;
  /** [m × STATUS_COUNT + status] runs by mechanism (compiled.mechanisms) and outcome. */
  mechanismOutcomes: Float64Array;
  /** [0] deals in runs that had a deadline; [1] those made in the last tenth of its rounds. */
  deadlineDeals: Float64Array;
  /** [0] runs with an equilibrium seat in talks (an equilibrium report); [1] those solved on the continuum with a first offer. */
  equilibriumRuns: Float64Array;
  /** [bin] those runs by grid bound (GRID_BOUND_BINS). */
  equilibriumGridBound: Float64Array;
  /** Exact sums (two cells each) per actor of the equilibrium values V_a(0); and of the continuum point of the first offer. */
  equilibriumValueSum: Float64Array;
  equilibriumPointSum: Float64Array;
  /** Convergence trace: after the first `traceRuns[k]` runs of the batch, `traceDeals[k]` deals. */
  traceRuns: number[];
  traceDeals: number[];
}

/** The aggregate's arrays, in one list: what merging adds up and what a shard's JSON holds. */
export const AGGREGATE_ARRAYS = [
  'outcomes',
  'roundsByStatus',
  'packageDeals',
  'utilityHistogram',
  'utilityOutOfRange',
  'utilitySum',
  'dealUtilitySum',
  'reservationSum',
  'aboveReservation',
  'assumptionOutcomes',
  'assumptionSum',
  'zoneOutcomes',
  'zoneWidth',
  'zoneWidthOutOfRange',
  'blockerRuns',
  'soleConcession',
  'forecastPackages',
  'noForecast',
  'shortRuns',
  'vetoShortfall',
  'nearestAccepted',
  'nearestDistanceSum',
  'mechanismOutcomes',
  'deadlineDeals',
  'equilibriumRuns',
  'equilibriumGridBound',
  'equilibriumValueSum',
  'equilibriumPointSum',
] as const satisfies readonly (keyof Aggregate)[];
export type AggregateArray = (typeof AGGREGATE_ARRAYS)[number];

/** The length of each of the aggregate's arrays for a scenario. */
export function aggregateArrayLengths(compiled: CompiledScenario): Record<AggregateArray, number> {
  const A = compiled.actors.length;
  const P = compiled.packageCount;
  const U = compiled.uncertainParameters.length;
  return {
    outcomes: STATUS_COUNT,
    roundsByStatus: STATUS_COUNT * (compiled.maxRounds + 1),
    packageDeals: P,
    utilityHistogram: A * UTILITY_BINS,
    utilityOutOfRange: A,
    utilitySum: 2 * A,
    dealUtilitySum: 2 * A,
    reservationSum: 2 * A,
    aboveReservation: A,
    assumptionOutcomes: U * ASSUMPTION_BINS * STATUS_COUNT,
    assumptionSum: 2 * U,
    zoneOutcomes: STATUS_COUNT,
    zoneWidth: STATUS_COUNT * ZONE_BINS,
    zoneWidthOutOfRange: 1,
    blockerRuns: A,
    soleConcession: A * SHORTFALL_BINS,
    forecastPackages: P,
    noForecast: 1,
    shortRuns: A,
    vetoShortfall: A * SHORTFALL_BINS,
    nearestAccepted: P,
    nearestDistanceSum: 2,
    mechanismOutcomes: compiled.mechanisms.length * STATUS_COUNT,
    deadlineDeals: 2,
    equilibriumRuns: 2,
    equilibriumGridBound: GRID_BOUND_BINS,
    equilibriumValueSum: 2 * A,
    equilibriumPointSum: 2,
  };
}

export function createAggregate(compiled: CompiledScenario, batch: Batch, firstRun: RunIndex = batch.firstRun): Aggregate {
  const lengths = aggregateArrayLengths(compiled);
  const arrays = Object.fromEntries(AGGREGATE_ARRAYS.map((key) => [key, new Float64Array(lengths[key])])) as Record<AggregateArray, Float64Array>;
  return {
    firstRun,
    endRun: firstRun,
    batch: { firstRun: batch.firstRun, runs: batch.runs },
    ...arrays,
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

/** The rounds in the last tenth of a deadline of `rounds` rounds (at least one). */
export function lastTenth(rounds: number): number {
  return Math.max(1, Math.ceil(rounds / 10));
}

/** The bin of a value on [lo, lo + bins · width), ends included in the end bins. */
function clampedBin(x: number, lo: number, width: number, bins: number): number {
  const bin = Math.floor((x - lo) / width);
  return bin < 0 ? 0 : bin >= bins ? bins - 1 : bin;
}

/** What folding needs besides the run: supports of the uncertain parameters and the exact-sum scales. */
export interface FoldTables {
  /** [2u], [2u + 1]: the support [lo, hi] of uncertain parameter u. */
  supports: Float64Array;
  /** [u] a choice's alternative values (binned one per alternative, in this order), else null. */
  choiceValues: (number[] | null)[];
  /** Scale of the exact sums of utilities: |u| ≤ 1 + number of interactions (each effect in [−1, 1]). */
  utilityScale: number;
  /** [u] scale of the exact sum of uncertain parameter u, from its support. */
  assumptionScales: Float64Array;
  /** The largest |level| of any continuous issue (bounds an equilibrium's continuum point), and the scale of their exact sum. */
  pointBound: number;
  pointScale: number;
}

export function foldTables(compiled: CompiledScenario): FoldTables {
  const U = compiled.uncertainParameters.length;
  const supports = new Float64Array(U * 2);
  const assumptionScales = new Float64Array(U);
  const choiceValues: (number[] | null)[] = [];
  compiled.uncertainParameters.forEach((k, u) => {
    const d = compiled.parameters[k].distribution;
    const [lo, hi] = support(d);
    supports[2 * u] = lo;
    supports[2 * u + 1] = hi;
    assumptionScales[u] = exactSumScale(Math.max(Math.abs(lo), Math.abs(hi)));
    choiceValues.push(d.dist === 'choice' ? choiceAlternatives(d).values.slice(0, ASSUMPTION_BINS) : null);
  });
  let pointBound = 0;
  for (const issue of compiled.issues) for (const x of issue.levels ?? []) pointBound = Math.max(pointBound, Math.abs(x));
  return {
    supports,
    choiceValues,
    utilityScale: exactSumScale(1 + compiled.interactions.length),
    assumptionScales,
    pointBound,
    pointScale: exactSumScale(pointBound),
  };
}

/** The bin of uncertain parameter u's value: its alternative for a choice, else its tenth of the support. */
function parameterBin(tables: FoldTables, u: number, value: number): number {
  const alternatives = tables.choiceValues[u];
  if (alternatives !== null) {
    const k = alternatives.indexOf(value);
    return k < 0 ? ASSUMPTION_BINS - 1 : k;
  }
  return assumptionBin(value, tables.supports[2 * u], tables.supports[2 * u + 1]);
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
  zone: ZoneOfAgreement,
  equilibrium: EquilibriumReport,
): void {
  if (run !== agg.endRun) throw new Error(`runs must be folded in order: expected run ${agg.endRun}, got ${run}`);
  const status = result.status;
  agg.outcomes[status] += 1;
  agg.roundsByStatus[status * (compiled.maxRounds + 1) + result.round] += 1;
  agg.mechanismOutcomes[result.mechanism * STATUS_COUNT + status] += 1;
  if (status === Status.Deal) {
    agg.packageDeals[result.packageId] += 1;
    if (instance.hasDeadline) {
      agg.deadlineDeals[0] += 1;
      if (result.round > instance.rounds - lastTenth(instance.rounds)) agg.deadlineDeals[1] += 1;
    }
  }
  foldZone(agg, compiled, status, zone);
  if (equilibrium.present) foldEquilibrium(agg, tables, equilibrium);
  if (result.forecast >= 0) agg.forecastPackages[result.forecast] += 1;
  if (status === Status.Vetoed) foldVeto(agg, compiled, result);

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
  const { assumptionScales } = tables;
  for (let u = 0; u < uncertain.length; u++) {
    const value = sampled[uncertain[u]];
    agg.assumptionOutcomes[(u * ASSUMPTION_BINS + parameterBin(tables, u, value)) * STATUS_COUNT + status] += 1;
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

/** The run's zone of agreement: its width by outcome, and with no zone who blocks it. */
function foldZone(agg: Aggregate, compiled: CompiledScenario, status: Status, zone: ZoneOfAgreement): void {
  if (zone.exists) agg.zoneOutcomes[status] += 1;
  if (zone.width < ZONE_MIN || zone.width >= ZONE_MAX) agg.zoneWidthOutOfRange[0] += 1;
  // A zone within the tolerance of width 0 counts as width 0, so "width ≥ 0" and "a zone exists" agree.
  const width = zone.exists ? Math.max(0, zone.width) : zone.width;
  agg.zoneWidth[status * ZONE_BINS + clampedBin(width, ZONE_MIN, ZONE_BIN_WIDTH, ZONE_BINS)] += 1;
  if (zone.exists) return;
  const { consenters } = compiled;
  for (let k = 0; k < consenters.length; k++) {
    const a = consenters[k];
    if ((zone.shortMask & (1 << k)) !== 0) agg.blockerRuns[a] += 1;
    const concession = zone.soleConcession[a];
    if (Number.isFinite(concession)) agg.soleConcession[a * SHORTFALL_BINS + clampedBin(concession, 0, SHORTFALL_BIN_WIDTH, SHORTFALL_BINS)] += 1;
  }
}

/** The run's equilibrium report: its grid bound, values and continuum point. */
function foldEquilibrium(agg: Aggregate, tables: FoldTables, report: EquilibriumReport): void {
  agg.equilibriumRuns[0] += 1;
  agg.equilibriumGridBound[gridBoundBin(report.gridBound)] += 1;
  for (let a = 0; a < report.value.length; a++) addExact(agg.equilibriumValueSum, a, report.value[a], tables.utilityScale);
  if (Number.isNaN(report.point)) return;
  agg.equilibriumRuns[1] += 1;
  addExact(agg.equilibriumPointSum, 0, report.point, tables.pointScale);
}

/** A vetoed forecast: who it misses, by how much the one it misses most, and the nearest acceptable package. */
function foldVeto(agg: Aggregate, compiled: CompiledScenario, result: RunResult): void {
  if (result.forecast < 0) agg.noForecast[0] += 1;
  const { consenters } = compiled;
  for (let k = 0; k < consenters.length; k++) if ((result.vetoMask & (1 << k)) !== 0) agg.shortRuns[consenters[k]] += 1;
  if (result.vetoActor >= 0) {
    agg.vetoShortfall[result.vetoActor * SHORTFALL_BINS + clampedBin(result.vetoShortfall, 0, SHORTFALL_BIN_WIDTH, SHORTFALL_BINS)] += 1;
  }
  if (result.nearestAccepted >= 0) {
    agg.nearestAccepted[result.nearestAccepted] += 1;
    addExact(agg.nearestDistanceSum, 0, result.nearestDistance, NEAREST_DISTANCE_SCALE);
  }
}

/** Scale of the exact sum of nearest-package distances (each at most the number of issues, ≤ 2^16). */
export const NEAREST_DISTANCE_SCALE = exactSumScale(2 ** 16);

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
  for (const key of AGGREGATE_ARRAYS) addInto(into[key], next[key]);
  for (let k = 0; k < next.traceRuns.length; k++) {
    into.traceRuns.push(next.traceRuns[k]);
    into.traceDeals.push(next.traceDeals[k] + dealsBefore);
  }
  into.endRun = next.endRun;
  return into;
}
