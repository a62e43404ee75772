/**
 * What an aggregate of a range of runs must hold, field by field — one table (AGGREGATE_FIELDS):
 * each array's length as a function of the compiled scenario and the range, the kind of numbers it
 * holds, and the invariant every honestly folded aggregate keeps. `parley merge` checks each
 * shard's aggregate.json against it before merging anything.
 *
 * A new Aggregate array is one entry here; the table's type lists every array of `Aggregate`, so
 * leaving one out does not compile. Kinds:
 * - `histogram`: non-negative integers; the cells of each group add up to the group's total (runs
 *   by outcome add up to the runs, runs by outcome and round to that outcome's runs, …).
 * - `count`: non-negative integers, each at most a bound (a count of runs among the deals, …).
 * - `exact-sum`: pairs of integer cells of an exact sum (exact-sum.ts) of a known number of terms,
 *   whose value lies within bounds (from the scenario, or from a histogram of the same values).
 * - `trace-runs`, `trace-deals`: the convergence trace, at positions fixed by the batch and the
 *   range, its deal counts non-decreasing by at most the runs between two points.
 * Invariants may read the fields above them; every field's cells are checked before any invariant.
 *
 * These catch a hand-edited count that breaks a total, a negative or fractional count, a sum no
 * set of runs could give. They cannot catch an edit that keeps every invariant (one run moved from
 * one package to another): that needs the shard's digest, or rerunning the shard.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { STATUS_COUNT, STATUS_NAMES, Status } from '../negotiation/run-result.ts';
import {
  ASSUMPTION_BINS,
  GRID_BOUND_BINS,
  NEAREST_DISTANCE_SCALE,
  SHORTFALL_BINS,
  UTILITY_BINS,
  UTILITY_BIN_WIDTH,
  UTILITY_MIN,
  ZONE_BINS,
  foldTables,
  traceStep,
  type Aggregate,
  type FoldTables,
} from './aggregate.ts';
import { exactSumCellsPossible, exactSumValue } from './exact-sum.ts';
import { rangeRuns as runsOf, type BatchRange } from './run-range.ts';

/** Every array of the Aggregate (all are listed in AGGREGATE_FIELDS). */
export type AggregateField = { [K in keyof Aggregate]: Aggregate[K] extends Float64Array | number[] ? K : never }[keyof Aggregate];

/** The sizes and bounds an aggregate of the runs [firstRun, endRun) of a batch must keep. */
export interface AggregateShape {
  actors: number;
  rounds: number;
  packages: number;
  uncertain: number;
  issues: number;
  mechanisms: number;
  /** Runs in the range. */
  runs: number;
  /** Runs of the batch before the range and at its end. */
  doneBefore: number;
  doneAfter: number;
  /** Where the convergence trace has its points (runs of the batch done), in order. */
  tracePositions: number[];
  /** A bound on |utility| (1 + the number of interactions; foldTables). */
  utilityBound: number;
  tables: FoldTables;
}

/** The trace's positions within (doneBefore, doneAfter]: multiples of the trace step, and the batch's end. */
function tracePositions(batchRuns: number, doneBefore: number, doneAfter: number): number[] {
  const step = traceStep(batchRuns);
  const positions: number[] = [];
  for (let done = (Math.floor(doneBefore / step) + 1) * step; done <= doneAfter; done += step) positions.push(done);
  if (doneAfter === batchRuns && doneAfter > doneBefore && positions[positions.length - 1] !== batchRuns) positions.push(batchRuns);
  return positions;
}

export function aggregateShape(compiled: CompiledScenario, range: BatchRange): AggregateShape {
  const doneBefore = range.firstRun - range.batch.firstRun;
  const doneAfter = range.endRun - range.batch.firstRun;
  return {
    actors: compiled.actors.length,
    rounds: compiled.maxRounds,
    packages: compiled.packageCount,
    uncertain: compiled.uncertainParameters.length,
    issues: compiled.issues.length,
    mechanisms: compiled.mechanisms.length,
    runs: runsOf(range),
    doneBefore,
    doneAfter,
    tracePositions: tracePositions(range.batch.runs, doneBefore, doneAfter),
    utilityBound: 1 + compiled.interactions.length,
    tables: foldTables(compiled),
  };
}

/** A total or bound and what it is, for the message. */
interface Limit {
  value: number;
  of: string;
}

type Length = (s: AggregateShape) => number;

interface HistogramRule {
  kind: 'histogram';
  length: Length;
  means: string;
  groupOf: (cell: number, s: AggregateShape) => number;
  /** The group in words, for the message (when there is more than one). */
  groupName?: (group: number) => string;
  total: (group: number, agg: Aggregate, s: AggregateShape) => Limit;
}

interface CountRule {
  kind: 'count';
  length: Length;
  means: string;
  atMost: (cell: number, agg: Aggregate, s: AggregateShape) => Limit;
}

interface ExactSumRule {
  kind: 'exact-sum';
  length: Length;
  means: string;
  scale: (k: number, s: AggregateShape) => number;
  terms: (k: number, agg: Aggregate, s: AggregateShape) => Limit;
  /** Bounds of the sum's value (before the tolerance for rounding each term). */
  within: (k: number, agg: Aggregate, s: AggregateShape) => [number, number];
}

interface TraceRule {
  kind: 'trace-runs' | 'trace-deals';
  length: Length;
  means: string;
}

export type FieldRule = HistogramRule | CountRule | ExactSumRule | TraceRule;

const rangeRuns = (s: AggregateShape): Limit => ({ value: s.runs, of: "the shard's runs" });
const outcome = (agg: Aggregate, status: number): Limit => ({ value: agg.outcomes[status], of: `outcomes[${status}] (${STATUS_NAMES[status]})` });
const symmetric = (bound: number): [number, number] => [-bound, bound];

/** Bounds of a sum of utilities from their histogram: each in its bin, out-of-range ones within the utility bound. */
function utilityHistogramRange(a: number, agg: Aggregate, s: AggregateShape): [number, number] {
  let low = 0;
  let high = 0;
  for (let b = 0; b < UTILITY_BINS; b++) {
    const n = agg.utilityHistogram[a * UTILITY_BINS + b];
    low += n * (UTILITY_MIN + b * UTILITY_BIN_WIDTH);
    high += n * (UTILITY_MIN + (b + 1) * UTILITY_BIN_WIDTH);
  }
  const outside = agg.utilityOutOfRange[a] * s.utilityBound;
  return [low - outside, high + outside];
}

/** Bounds of the sum of uncertain parameter u's sampled values from the runs in each bin of its support. */
function assumptionBinsRange(u: number, agg: Aggregate, s: AggregateShape): [number, number] {
  const lo = s.tables.supports[2 * u];
  const hi = s.tables.supports[2 * u + 1];
  const width = (hi - lo) / ASSUMPTION_BINS;
  // A choice's bins hold its alternatives' values (the last bin any value beyond the first ASSUMPTION_BINS).
  const choice = s.tables.choiceValues[u];
  let low = 0;
  let high = 0;
  for (let b = 0; b < ASSUMPTION_BINS; b++) {
    const at = (u * ASSUMPTION_BINS + b) * STATUS_COUNT;
    let n = 0;
    for (let status = 0; status < STATUS_COUNT; status++) n += agg.assumptionOutcomes[at + status];
    const [from, to] =
      choice === null ? [lo + b * width, lo + (b + 1) * width] : b < Math.min(choice.length, ASSUMPTION_BINS - 1) ? [choice[b], choice[b]] : [lo, hi];
    low += n * from;
    high += n * to;
  }
  return [low, high];
}

/** Runs with a zone of agreement, and without one. */
const zoneRuns = (agg: Aggregate): number => agg.zoneOutcomes.reduce((n, x) => n + x, 0);
const noZone = (agg: Aggregate, s: AggregateShape): Limit => ({
  value: s.runs - zoneRuns(agg),
  of: 'the runs without a zone (the runs less the sum of zoneOutcomes)',
});
const vetoed = (agg: Aggregate): Limit => outcome(agg, Status.Vetoed);

export const AGGREGATE_FIELDS: { readonly [K in AggregateField]: FieldRule } = {
  outcomes: { kind: 'histogram', length: () => STATUS_COUNT, means: 'runs by outcome', groupOf: () => 0, total: (_g, _agg, s) => rangeRuns(s) },
  roundsByStatus: {
    kind: 'histogram',
    length: (s) => STATUS_COUNT * (s.rounds + 1),
    means: 'runs by outcome and round',
    groupOf: (c, s) => Math.floor(c / (s.rounds + 1)),
    groupName: (g) => STATUS_NAMES[g],
    total: (g, agg) => outcome(agg, g),
  },
  packageDeals: { kind: 'histogram', length: (s) => s.packages, means: 'deals by package', groupOf: () => 0, total: (_g, agg) => outcome(agg, Status.Deal) },
  utilityHistogram: {
    kind: 'histogram',
    length: (s) => s.actors * UTILITY_BINS,
    means: 'runs by actor and utility bin',
    groupOf: (c) => Math.floor(c / UTILITY_BINS),
    groupName: (a) => `actor ${a}`,
    total: (_g, _agg, s) => rangeRuns(s),
  },
  utilityOutOfRange: {
    kind: 'count',
    length: (s) => s.actors,
    means: 'utilities outside the histogram, by actor',
    atMost: (a, agg) => ({
      value: agg.utilityHistogram[a * UTILITY_BINS] + agg.utilityHistogram[(a + 1) * UTILITY_BINS - 1],
      of: `the runs in actor ${a}'s two end bins of utilityHistogram`,
    }),
  },
  utilitySum: {
    kind: 'exact-sum',
    length: (s) => 2 * s.actors,
    means: 'sum of outcome utilities, by actor',
    scale: (_k, s) => s.tables.utilityScale,
    terms: (_k, _agg, s) => rangeRuns(s),
    within: utilityHistogramRange,
  },
  dealUtilitySum: {
    kind: 'exact-sum',
    length: (s) => 2 * s.actors,
    means: 'sum of utilities in deals, by actor',
    scale: (_k, s) => s.tables.utilityScale,
    terms: (_k, agg) => outcome(agg, Status.Deal),
    within: (_k, agg, s) => symmetric(agg.outcomes[Status.Deal] * s.utilityBound),
  },
  reservationSum: {
    kind: 'exact-sum',
    length: (s) => 2 * s.actors,
    means: 'sum of reservation utilities, by actor',
    scale: (_k, s) => s.tables.utilityScale,
    terms: (_k, _agg, s) => rangeRuns(s),
    within: (_k, _agg, s) => symmetric(s.runs * s.utilityBound),
  },
  // A run's outcome utility is its reservation utility without a deal: only deals can be above it.
  aboveReservation: {
    kind: 'count',
    length: (s) => s.actors,
    means: 'runs above the reservation utility, by actor',
    atMost: (_a, agg) => outcome(agg, Status.Deal),
  },
  assumptionOutcomes: {
    kind: 'histogram',
    length: (s) => s.uncertain * ASSUMPTION_BINS * STATUS_COUNT,
    means: 'runs by uncertain parameter, bin and outcome',
    groupOf: (c) => Math.floor(c / (STATUS_COUNT * ASSUMPTION_BINS)) * STATUS_COUNT + (c % STATUS_COUNT),
    groupName: (g) => `parameter ${Math.floor(g / STATUS_COUNT)}, ${STATUS_NAMES[g % STATUS_COUNT]}`,
    total: (g, agg) => outcome(agg, g % STATUS_COUNT),
  },
  assumptionSum: {
    kind: 'exact-sum',
    length: (s) => 2 * s.uncertain,
    means: 'sum of sampled values, by uncertain parameter',
    scale: (u, s) => s.tables.assumptionScales[u],
    terms: (_k, _agg, s) => rangeRuns(s),
    within: assumptionBinsRange,
  },
  zoneOutcomes: {
    kind: 'count',
    length: () => STATUS_COUNT,
    means: 'runs with a zone of agreement, by outcome',
    atMost: (status, agg) => outcome(agg, status),
  },
  zoneWidth: {
    kind: 'histogram',
    length: () => STATUS_COUNT * ZONE_BINS,
    means: 'runs by outcome and zone width',
    groupOf: (c) => Math.floor(c / ZONE_BINS),
    groupName: (g) => STATUS_NAMES[g],
    total: (g, agg) => outcome(agg, g),
  },
  zoneWidthOutOfRange: {
    kind: 'count',
    length: () => 1,
    means: 'zone widths outside the histogram',
    atMost: (_c, agg) => {
      let ends = 0;
      for (let status = 0; status < STATUS_COUNT; status++) ends += agg.zoneWidth[status * ZONE_BINS] + agg.zoneWidth[(status + 1) * ZONE_BINS - 1];
      return { value: ends, of: "the runs in zoneWidth's end bins" };
    },
  },
  blockerRuns: {
    kind: 'count',
    length: (s) => s.actors,
    means: 'runs without a zone in which the actor is short, by actor',
    atMost: (_a, agg, s) => noZone(agg, s),
  },
  soleConcession: {
    kind: 'count',
    length: (s) => s.actors * SHORTFALL_BINS,
    means: 'runs without a zone the actor alone could open, by actor and concession',
    atMost: (_c, agg, s) => noZone(agg, s),
  },
  forecastPackages: { kind: 'count', length: (s) => s.packages, means: 'forecasts by package', atMost: (_c, _agg, s) => rangeRuns(s) },
  noForecast: { kind: 'count', length: () => 1, means: 'vetoed runs without a forecast', atMost: (_c, agg) => vetoed(agg) },
  shortRuns: {
    kind: 'count',
    length: (s) => s.actors,
    means: 'vetoed forecasts that miss the actor’s reservation, by actor',
    atMost: (_c, agg) => vetoed(agg),
  },
  vetoShortfall: {
    kind: 'count',
    length: (s) => s.actors * SHORTFALL_BINS,
    means: 'vetoed forecasts the actor is short of by most, by actor and shortfall',
    atMost: (_c, agg) => vetoed(agg),
  },
  nearestAccepted: { kind: 'count', length: (s) => s.packages, means: 'vetoed forecasts by nearest acceptable package', atMost: (_c, agg) => vetoed(agg) },
  nearestDistanceSum: {
    kind: 'exact-sum',
    length: () => 2,
    means: 'sum of distances to the nearest acceptable packages',
    scale: () => NEAREST_DISTANCE_SCALE,
    terms: (_k, agg) => ({ value: agg.nearestAccepted.reduce((n, x) => n + x, 0), of: 'the sum of nearestAccepted' }),
    within: (_k, agg, s) => [0, agg.nearestAccepted.reduce((n, x) => n + x, 0) * s.issues],
  },
  mechanismOutcomes: {
    kind: 'histogram',
    length: (s) => s.mechanisms * STATUS_COUNT,
    means: 'runs by mechanism and outcome',
    groupOf: (c) => c % STATUS_COUNT,
    groupName: (g) => STATUS_NAMES[g],
    total: (g, agg) => outcome(agg, g),
  },
  deadlineDeals: {
    kind: 'count',
    length: () => 2,
    means: 'deals in runs with a deadline, and those in its last tenth',
    atMost: (c, agg) => (c === 0 ? outcome(agg, Status.Deal) : { value: agg.deadlineDeals[0], of: 'deadlineDeals[0]' }),
  },
  equilibriumRuns: {
    kind: 'count',
    length: () => 2,
    means: 'runs with an equilibrium report, and those with a continuum point',
    atMost: (c, agg, s) => (c === 0 ? rangeRuns(s) : { value: agg.equilibriumRuns[0], of: 'equilibriumRuns[0]' }),
  },
  equilibriumGridBound: {
    kind: 'histogram',
    length: () => GRID_BOUND_BINS,
    means: 'runs with an equilibrium report by grid bound',
    groupOf: () => 0,
    total: (_g, agg) => ({ value: agg.equilibriumRuns[0], of: 'equilibriumRuns[0]' }),
  },
  equilibriumValueSum: {
    kind: 'exact-sum',
    length: (s) => 2 * s.actors,
    means: 'sum of equilibrium values, by actor',
    scale: (_k, s) => s.tables.utilityScale,
    terms: (_k, agg) => ({ value: agg.equilibriumRuns[0], of: 'equilibriumRuns[0]' }),
    within: (_k, agg, s) => symmetric(agg.equilibriumRuns[0] * s.utilityBound),
  },
  equilibriumPointSum: {
    kind: 'exact-sum',
    length: () => 2,
    means: 'sum of the continuum points of the equilibrium offers',
    scale: (_k, s) => s.tables.pointScale,
    terms: (_k, agg) => ({ value: agg.equilibriumRuns[1], of: 'equilibriumRuns[1]' }),
    within: (_k, agg, s) => symmetric(agg.equilibriumRuns[1] * s.tables.pointBound),
  },
  traceRuns: { kind: 'trace-runs', length: (s) => s.tracePositions.length, means: 'runs of the batch at each point of the convergence trace' },
  traceDeals: { kind: 'trace-deals', length: (s) => s.tracePositions.length, means: "the shard's deals at each point of the convergence trace" },
};

export const AGGREGATE_FIELD_NAMES = Object.keys(AGGREGATE_FIELDS) as AggregateField[];

/** The number of cells of every field together (bounds the size of an aggregate's JSON). */
export function aggregateCells(s: AggregateShape): number {
  return AGGREGATE_FIELD_NAMES.reduce((n, key) => n + AGGREGATE_FIELDS[key].length(s), 0);
}

/**
 * Checks the fields of a parsed aggregate before anything is allocated: each an array of the
 * expected length holding integers (non-negative, but for the high cells of exact sums). Returns
 * the first problem as "field: what is wrong", or undefined.
 */
export function checkAggregateCells(json: Record<string, unknown>, s: AggregateShape): string | undefined {
  for (const key of AGGREGATE_FIELD_NAMES) {
    const rule = AGGREGATE_FIELDS[key];
    const length = rule.length(s);
    const values = Object.hasOwn(json, key) ? json[key] : undefined;
    if (!Array.isArray(values)) return `${key}: expected an array of ${length} integers (${rule.means})`;
    if (values.length !== length) return `${key}: expected ${length} numbers (${rule.means}) for this scenario and range, got ${values.length}`;
    for (let c = 0; c < length; c++) {
      const x: unknown = values[c];
      const signed = rule.kind === 'exact-sum' && c % 2 === 0;
      if (typeof x !== 'number' || !Number.isSafeInteger(x) || (!signed && x < 0)) {
        // An array handed over with a hole holds undefined there, which has no JSON text.
        return `${key}[${c}]: expected ${signed ? 'an integer' : 'a non-negative integer'} (${rule.means}), got ${x === undefined ? 'undefined' : JSON.stringify(x)}`;
      }
    }
  }
  return undefined;
}

function checkHistogram(key: AggregateField, rule: HistogramRule, cells: ArrayLike<number>, agg: Aggregate, s: AggregateShape): string | undefined {
  const sums = new Map<number, number>();
  for (let c = 0; c < cells.length; c++) {
    const g = rule.groupOf(c, s);
    sums.set(g, (sums.get(g) ?? 0) + cells[c]);
  }
  const groups = cells.length === 0 ? 0 : rule.groupOf(cells.length - 1, s) + 1;
  for (let g = 0; g < groups; g++) {
    const total = rule.total(g, agg, s);
    const sum = sums.get(g) ?? 0;
    if (sum !== total.value)
      return `${key}: the ${rule.means}${rule.groupName ? ` (${rule.groupName(g)})` : ''} add up to ${sum}, but ${total.of} is ${total.value}`;
  }
  return undefined;
}

function checkExactSum(key: AggregateField, rule: ExactSumRule, cells: ArrayLike<number>, agg: Aggregate, s: AggregateShape): string | undefined {
  const sums = Float64Array.from(cells);
  for (let k = 0; 2 * k < cells.length; k++) {
    const terms = rule.terms(k, agg, s);
    if (!exactSumCellsPossible(cells[2 * k], cells[2 * k + 1], terms.value)) {
      return `${key}[${2 * k}], [${2 * k + 1}]: not the cells of an exact sum of ${terms.value} values (${terms.of}) (${rule.means})`;
    }
    const scale = rule.scale(k, s);
    const value = exactSumValue(sums, k, scale);
    const [low, high] = rule.within(k, agg, s);
    // Each term was rounded to a multiple of 1/scale; the bounds carry floating-point error.
    const tolerance = terms.value / scale + 1e-9 * (Math.abs(low) + Math.abs(high) + terms.value);
    if (!(value >= low - tolerance && value <= high + tolerance)) {
      return `${key}[${2 * k}], [${2 * k + 1}]: the ${rule.means} is ${value}, outside [${low}, ${high}], which the other counts allow`;
    }
  }
  return undefined;
}

function checkTraceDeals(agg: Aggregate, s: AggregateShape): string | undefined {
  let previousRuns = s.doneBefore;
  let previousDeals = 0;
  for (let k = 0; k < agg.traceDeals.length; k++) {
    const deals = agg.traceDeals[k];
    const runs = agg.traceRuns[k];
    if (deals < previousDeals || deals - previousDeals > runs - previousRuns) {
      return `traceDeals[${k}]: ${deals} deals after ${runs} runs of the batch cannot follow ${previousDeals} after ${previousRuns} (deals never fall, and rise by at most the runs between)`;
    }
    previousRuns = runs;
    previousDeals = deals;
  }
  const deals = agg.outcomes[Status.Deal];
  if (deals < previousDeals || deals - previousDeals > s.doneAfter - previousRuns) {
    return `traceDeals: the last point (${previousDeals} deals) does not fit the shard's ${deals} deals (outcomes[0])`;
  }
  return undefined;
}

/** Checks every invariant of AGGREGATE_FIELDS on an aggregate whose cells passed checkAggregateCells. */
export function checkAggregateInvariants(agg: Aggregate, s: AggregateShape): string | undefined {
  for (const key of AGGREGATE_FIELD_NAMES) {
    const rule = AGGREGATE_FIELDS[key];
    const cells = agg[key];
    let problem: string | undefined;
    switch (rule.kind) {
      case 'histogram':
        problem = checkHistogram(key, rule, cells, agg, s);
        break;
      case 'count':
        for (let c = 0; c < cells.length && problem === undefined; c++) {
          const bound = rule.atMost(c, agg, s);
          if (cells[c] > bound.value) problem = `${key}[${c}]: ${cells[c]} ${rule.means}, more than ${bound.of} (${bound.value})`;
        }
        break;
      case 'exact-sum':
        problem = checkExactSum(key, rule, cells, agg, s);
        break;
      case 'trace-runs': {
        const at = s.tracePositions.findIndex((position, k) => cells[k] !== position);
        if (at >= 0) problem = `${key}[${at}]: expected ${s.tracePositions[at]} (${rule.means} sit at fixed positions), got ${cells[at]}`;
        break;
      }
      case 'trace-deals':
        problem = checkTraceDeals(agg, s);
        break;
    }
    if (problem !== undefined) return problem;
  }
  return undefined;
}
