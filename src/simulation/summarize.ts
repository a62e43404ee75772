/**
 * Aggregate → Summary: shares with Wilson intervals, quantiles read off the fixed-bin
 * histograms, agreed terms derived from the per-package deal counts, the top packages, and
 * P(deal) by bin of every uncertain parameter.
 */
import { describePackage } from '../negotiation/compile.ts';
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { mechanismKind } from '../negotiation/mechanisms/mechanism-kind.ts';
import { Status, STATUS_COUNT } from '../negotiation/run-result.ts';
import type { Distribution } from '../scenario/param.ts';
import { continuumLayout } from '../negotiation/continuum-layout.ts';
import {
  ASSUMPTION_BINS,
  GRID_BOUND_BINS,
  gridBoundBin,
  gridBoundBinTop,
  NEAREST_DISTANCE_SCALE,
  SHORTFALL_BIN_WIDTH,
  SHORTFALL_BINS,
  UTILITY_BIN_WIDTH,
  UTILITY_BINS,
  UTILITY_MIN,
  ZONE_BIN_WIDTH,
  ZONE_BINS,
  ZONE_MIN,
  foldTables,
  type Aggregate,
  type FoldTables,
} from './aggregate.ts';
import { exactSumValue } from './exact-sum.ts';
import { readSource } from '../scenario/source-basis.ts';
import { writeHeadline, writeWarnings } from './headline.ts';
import type {
  AssumptionOutcome,
  DeadlineEffect,
  Driver,
  EquilibriumSummary,
  ForecastSummary,
  MechanismOutcome,
  RoundCount,
  Spread,
  Summary,
  TermDistribution,
  TimeSummary,
  TopPackage,
  UtilityQuantiles,
  ZoneBin,
  ZoneSummary,
} from './summary-types.ts';
import { wilsonInterval } from './wilson.ts';
import { rangeRuns } from './run-range.ts';

/** How many packages the summary lists. */
export const TOP_PACKAGES = 10;

/** Rounds summaries to a stable number of digits so the JSON is readable. */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The q-quantile of a histogram (value at the middle of the bin where the cumulative share reaches q). */
function histogramQuantile(counts: Float64Array, offset: number, bins: number, total: number, q: number, binValue: (bin: number) => number): number {
  const target = q * total;
  let cumulative = 0;
  for (let b = 0; b < bins; b++) {
    cumulative += counts[offset + b];
    if (cumulative >= target && cumulative > 0) return binValue(b);
  }
  return binValue(bins - 1);
}

/**
 * Standard deviation of the values in a histogram, each taken at its bin's centre, around the
 * exact mean (the binning adds at most half a bin width to each deviation).
 */
function histogramSd(counts: Float64Array, offset: number, bins: number, total: number, mean: number, binValue: (bin: number) => number): number {
  if (total < 2) return 0;
  let squares = 0;
  for (let b = 0; b < bins; b++) {
    const n = counts[offset + b];
    if (n !== 0) squares += n * (binValue(b) - mean) ** 2;
  }
  return Math.sqrt(squares / (total - 1));
}

function spreadOf(counts: Float64Array, offset: number, bins: number, total: number, binValue: (bin: number) => number): Spread {
  if (total <= 0) return { p10: null, p50: null, p90: null };
  const q = (p: number) => histogramQuantile(counts, offset, bins, total, p, binValue);
  return { p10: q(0.1), p50: q(0.5), p90: q(0.9) };
}

function sumRange(counts: Float64Array, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) n += counts[k];
  return n;
}

function roundCounts(agg: Aggregate, status: Status, rounds: number): RoundCount[] {
  const out: RoundCount[] = [];
  for (let r = 1; r <= rounds; r++) {
    const count = agg.roundsByStatus[status * (rounds + 1) + r];
    if (count > 0) out.push({ round: r, count });
  }
  return out;
}

function meanRound(counts: RoundCount[]): number | null {
  const n = counts.reduce((s, c) => s + c.count, 0);
  return n === 0 ? null : round6(counts.reduce((s, c) => s + c.round * c.count, 0) / n);
}

function roundQuantile(counts: RoundCount[], q: number): number | null {
  const n = counts.reduce((s, c) => s + c.count, 0);
  if (n === 0) return null;
  let cumulative = 0;
  for (const c of counts) {
    cumulative += c.count;
    if (cumulative >= q * n) return c.round;
  }
  return counts[counts.length - 1].round;
}

function describeDistribution(d: Distribution): string {
  switch (d.dist) {
    case 'fixed':
      return String(d.value);
    case 'uniform':
      return `uniform(${d.min}, ${d.max})`;
    case 'normal':
      return `normal(mean ${d.mean}, sd ${d.sd}) on [${d.min}, ${d.max}]`;
    case 'beta':
      return `beta(${d.alpha}, ${d.beta}) on [${d.min}, ${d.max}]`;
    case 'triangular':
      return `triangular(${d.min}, ${d.mode}, ${d.max})`;
    case 'bernoulli':
      return `bernoulli(${d.p}): ${d.ifTrue} if yes, ${d.ifFalse} if no`;
    case 'choice':
      return `choice(${Object.entries(d.choice)
        .map(([name, p]) => `${name} ${Number((100 * p).toPrecision(6))}%`)
        .join(', ')})`;
  }
}

function summarizeTerms(compiled: CompiledScenario, agg: Aggregate, deals: number): TermDistribution[] {
  const I = compiled.issues.length;
  return compiled.issues.map((issue, i) => {
    const counts = new Float64Array(issue.options.length);
    for (let p = 0; p < compiled.packageCount; p++) counts[compiled.packageOptions[p * I + i]] += agg.packageDeals[p];
    const term: TermDistribution = {
      issue: issue.id,
      label: issue.label,
      kind: issue.kind,
      options: issue.options.map((o, k) => ({ option: o.id, label: o.label, deals: wilsonInterval(counts[k], deals) })),
    };
    if (issue.unit !== undefined) term.unit = issue.unit;
    if (issue.levels !== undefined) {
      const levels = issue.levels;
      term.meanLevel = deals === 0 ? null : round6(levels.reduce((s, x, k) => s + x * counts[k], 0) / deals);
    }
    return term;
  });
}

/** The most frequent packages of a per-package count; `of` is what shareOfDeals divides by. */
function topPackages(compiled: CompiledScenario, counts: Float64Array, of: number, runs: number): TopPackage[] {
  const ids: number[] = [];
  for (let p = 0; p < compiled.packageCount; p++) if (counts[p] > 0) ids.push(p);
  // Most frequent first; equal counts in package order, so the list is deterministic.
  ids.sort((a, b) => counts[b] - counts[a] || a - b);
  return ids.slice(0, TOP_PACKAGES).map((p, k) => {
    const { terms, label } = describePackage(compiled, p);
    const count = counts[p];
    return { rank: k + 1, terms, label, count, shareOfDeals: count / of, shareOfRuns: count / runs };
  });
}

const zoneBinValue = (b: number) => round6(ZONE_MIN + (b + 0.5) * ZONE_BIN_WIDTH);
const shortfallBinValue = (b: number) => round6((b + 0.5) * SHORTFALL_BIN_WIDTH);
/** The runs in actor a's row of a shortfall histogram ([a × SHORTFALL_BINS + bin]) and their median (null without runs). */
function shortfallsOf(histogram: Float64Array, a: number): { runs: number; median: number | null } {
  const offset = a * SHORTFALL_BINS;
  const runs = sumRange(histogram, offset, offset + SHORTFALL_BINS);
  return { runs, median: runs > 0 ? histogramQuantile(histogram, offset, SHORTFALL_BINS, runs, 0.5, shortfallBinValue) : null };
}

/** Fine zone bins per bin of the summary's histogram (0.01 wide). */
const ZONE_BINS_PER_SHOWN = 5;

function summarizeZone(compiled: CompiledScenario, agg: Aggregate, runs: number): ZoneSummary {
  const widths = new Float64Array(ZONE_BINS);
  const dealWidths = agg.zoneWidth.subarray(Status.Deal * ZONE_BINS, (Status.Deal + 1) * ZONE_BINS);
  for (let s = 0; s < STATUS_COUNT; s++) for (let b = 0; b < ZONE_BINS; b++) widths[b] += agg.zoneWidth[s * ZONE_BINS + b];
  const zoneRuns = sumRange(agg.zoneOutcomes, 0, STATUS_COUNT);
  const zeroBin = Math.round(-ZONE_MIN / ZONE_BIN_WIDTH);
  const histogram: ZoneBin[] = [];
  for (let b = 0; b < ZONE_BINS; b += ZONE_BINS_PER_SHOWN) {
    const n = sumRange(widths, b, b + ZONE_BINS_PER_SHOWN);
    if (n === 0) continue;
    histogram.push({
      from: round6(ZONE_MIN + b * ZONE_BIN_WIDTH),
      to: round6(ZONE_MIN + (b + ZONE_BINS_PER_SHOWN) * ZONE_BIN_WIDTH),
      runs: n,
      deals: sumRange(dealWidths, b, b + ZONE_BINS_PER_SHOWN),
    });
  }
  const noZone = runs - zoneRuns;
  const blockers = Array.from(compiled.consenters, (a) => {
    const alone = shortfallsOf(agg.soleConcession, a);
    return {
      actor: compiled.actors[a].id,
      label: compiled.actors[a].label,
      short: wilsonInterval(agg.blockerRuns[a], noZone),
      alone: wilsonInterval(alone.runs, noZone),
      medianConcession: alone.median,
    };
  });
  blockers.sort((x, y) => y.short.count - x.short.count || y.alone.count - x.alone.count);
  return {
    exists: wilsonInterval(zoneRuns, runs),
    dealGivenZone: wilsonInterval(agg.zoneOutcomes[Status.Deal], zoneRuns),
    width: spreadOf(widths, 0, ZONE_BINS, runs, zoneBinValue),
    widthGivenZone: spreadOf(widths.subarray(zeroBin), 0, ZONE_BINS - zeroBin, zoneRuns, (b) => zoneBinValue(b + zeroBin)),
    histogram,
    blockers,
  };
}

function summarizeForecast(compiled: CompiledScenario, agg: Aggregate, runs: number): ForecastSummary | null {
  let forecastRuns = 0;
  let accepted = 0;
  let vetoed = 0;
  compiled.mechanisms.forEach((m, k) => {
    if (mechanismKind(m) !== 'forecast') return;
    for (let s = 0; s < STATUS_COUNT; s++) forecastRuns += agg.mechanismOutcomes[k * STATUS_COUNT + s];
    accepted += agg.mechanismOutcomes[k * STATUS_COUNT + Status.Deal];
    vetoed += agg.mechanismOutcomes[k * STATUS_COUNT + Status.Vetoed];
  });
  if (compiled.mechanisms.every((m) => mechanismKind(m) !== 'forecast')) return null;
  const vetoes = Array.from(compiled.consenters, (a) => {
    const decisive = shortfallsOf(agg.vetoShortfall, a);
    return {
      actor: compiled.actors[a].id,
      label: compiled.actors[a].label,
      short: wilsonInterval(agg.shortRuns[a], vetoed),
      decisive: wilsonInterval(decisive.runs, vetoed),
      medianShortfall: decisive.median,
    };
  });
  vetoes.sort((x, y) => y.decisive.count - x.decisive.count || y.short.count - x.short.count);
  const nearestFound = sumRange(agg.nearestAccepted, 0, compiled.packageCount);
  return {
    runs: forecastRuns,
    accepted: wilsonInterval(accepted, forecastRuns),
    vetoed: wilsonInterval(vetoed, forecastRuns),
    noForecast: agg.noForecast[0],
    packages: topPackages(compiled, agg.forecastPackages, forecastRuns - agg.noForecast[0], runs),
    vetoes,
    nearestAccepted: topPackages(compiled, agg.nearestAccepted, nearestFound, runs),
    meanDistance: nearestFound > 0 ? round6(exactSumValue(agg.nearestDistanceSum, 0, NEAREST_DISTANCE_SCALE) / nearestFound) : null,
    noneAcceptable: vetoed - nearestFound,
  };
}

/** Horizons, in months, at which P(a deal within t) is reported. */
const DEAL_WITHIN_MONTHS = [1, 3, 6, 12, 24, 36, 60];

function summarizeTime(compiled: CompiledScenario, dealRounds: RoundCount[], runs: number): TimeSummary | null {
  const length = compiled.roundLength;
  if (length === null) return null;
  const deals = dealRounds.reduce((n, c) => n + c.count, 0);
  const monthsQuantile = (q: number) => {
    const round = roundQuantile(dealRounds, q);
    return round === null ? null : round6(round * length.months);
  };
  const longest = compiled.maxRounds * length.months;
  const horizons = DEAL_WITHIN_MONTHS.filter((t) => t <= longest + 1e-9);
  return {
    roundLength: { value: length.value, unit: length.unit, months: round6(length.months), ...(length.source ? { source: length.source } : {}) },
    monthsToDeal: deals === 0 ? { p10: null, p50: null, p90: null } : { p10: monthsQuantile(0.1), p50: monthsQuantile(0.5), p90: monthsQuantile(0.9) },
    dealWithin: horizons.map((months) => ({
      months,
      deals: wilsonInterval(
        dealRounds.filter((c) => c.round * length.months <= months + 1e-9).reduce((n, c) => n + c.count, 0),
        runs,
      ),
    })),
  };
}

function summarizeDeadlineEffect(agg: Aggregate): DeadlineEffect | null {
  const [deals, late] = agg.deadlineDeals;
  if (deals === 0) return null;
  const lastTenth = wilsonInterval(late, deals);
  return { deals, lastTenth, flagged: lastTenth.share > 0.5 };
}

function summarizeByMechanism(compiled: CompiledScenario, agg: Aggregate): MechanismOutcome[] {
  if (compiled.mechanisms.length < 2) return [];
  return compiled.mechanisms.map((m, k) => {
    const runs = sumRange(agg.mechanismOutcomes, k * STATUS_COUNT, (k + 1) * STATUS_COUNT);
    return { mechanism: m, kind: mechanismKind(m), runs, deals: wilsonInterval(agg.mechanismOutcomes[k * STATUS_COUNT + Status.Deal], runs) };
  });
}

/** A run whose equilibrium grid bound is at least this (in utility) is counted as grid-bound: the precision to which parley check holds the theory. */
export const GRID_BOUND_NOTICE = 1e-3;

function summarizeEquilibrium(compiled: CompiledScenario, agg: Aggregate, tables: FoldTables): EquilibriumSummary | null {
  const runs = agg.equilibriumRuns[0];
  if (runs === 0) return null;
  const layout = continuumLayout(compiled);
  let top = -1;
  for (let k = 0; k < GRID_BOUND_BINS; k++) if (agg.equilibriumGridBound[k] > 0) top = k;
  // Bins whose bounds all lie at or above the notice level.
  const firstNoticed = gridBoundBin(GRID_BOUND_NOTICE) + 1;
  const boundRuns = sumRange(agg.equilibriumGridBound, firstNoticed, GRID_BOUND_BINS);
  const bound = top < 0 ? null : gridBoundBinTop(top);
  const continuum = layout === null ? null : compiled.issues[layout.issue];
  const gridIssues = compiled.issues.filter((_, i) => layout === null || i !== layout.issue).map((issue) => issue.id);
  const shown = bound === null ? 'none' : Number.isFinite(bound) ? `at most ${Number(bound.toPrecision(2))}` : 'unbounded';
  const where =
    continuum === null
      ? `Solved on the model's packages (no continuous issue can be taken as a continuum)`
      : `Solved with ${continuum.label} on the continuum: its ${layout!.levelCount} levels only report the agreed package, which lies within a level (${Number(layout!.levelStep.toPrecision(6))}) of the continuum offer, in the responders' favour`;
  const noticed =
    boundRuns > 0
      ? `; in ${boundRuns} of ${runs} runs it is at least ${GRID_BOUND_NOTICE}, so the split there may be the grid's rather than the theory's (${gridIssues.join(', ')} move concessions in steps)`
      : '';
  return {
    runs,
    continuumIssue:
      continuum === null ? null : { issue: continuum.id, label: continuum.label, levels: layout!.levelCount, levelStep: round6(layout!.levelStep) },
    gridIssues,
    gridBound: bound,
    gridBoundRuns: wilsonInterval(boundRuns, runs),
    gridBoundNote: `${where}. Grid bound ${shown}: how far, in utility, concessions in steps can move the equilibrium values from those with continuous concessions (h·(1 + ρ + ρ² + …), h the largest step of an actor who cannot concede on the continuum, ρ the largest δ(1 − q); plus the stopping error of a stationary solution)${noticed}.`,
    values: compiled.actors.map((actor, a) => ({
      actor: actor.id,
      label: actor.label,
      mean: round6(exactSumValue(agg.equilibriumValueSum, a, tables.utilityScale) / runs),
    })),
    point: agg.equilibriumRuns[1] > 0 ? round6(exactSumValue(agg.equilibriumPointSum, 0, tables.pointScale) / agg.equilibriumRuns[1]) : null,
  };
}

/** Whether a number rests on evidence (its source cites the article, or published data) or on an assumption (it says so, in whole or in part, or cites nothing). */
export function basisOf(source: string): 'evidence' | 'assumption' {
  const { basis } = readSource(source);
  return basis === 'evidence' || basis === 'cited' ? 'evidence' : 'assumption';
}

/** The uncertain parameters P(deal) moves most with across their bins (at most three, largest first). */
function summarizeDrivers(compiled: CompiledScenario, assumptions: AssumptionOutcome[]): Driver[] {
  const bySlot = new Map(compiled.parameters.map((p) => [p.path, p]));
  const drivers: Driver[] = [];
  for (const a of assumptions) {
    const populated = a.bins.filter((b) => b.runs > 0);
    if (populated.length < 2) continue;
    const lo = populated.reduce((x, b) => (b.deals.share < x.deals.share ? b : x));
    const hi = populated.reduce((x, b) => (b.deals.share > x.deals.share ? b : x));
    const at = (b: (typeof populated)[number]) => b.label ?? (b.from === b.to ? String(b.from) : `${b.from}–${b.to}`);
    const source = bySlot.get(a.parameter)?.source ?? '';
    drivers.push({
      parameter: a.parameter,
      label: a.label,
      basis: basisOf(source),
      source,
      low: { at: at(lo), deals: lo.deals.share },
      high: { at: at(hi), deals: hi.deals.share },
      spread: round6(hi.deals.share - lo.deals.share),
    });
  }
  drivers.sort((x, y) => y.spread - x.spread);
  return drivers.slice(0, 3);
}

function summarizeAssumptions(compiled: CompiledScenario, agg: Aggregate, tables: FoldTables): AssumptionOutcome[] {
  const { supports, assumptionScales } = tables;
  return compiled.uncertainParameters.map((k, u) => {
    const slot = compiled.parameters[k];
    const d = slot.distribution;
    const lo = supports[2 * u];
    const hi = supports[2 * u + 1];
    const yesNo = d.dist === 'bernoulli';
    const choice = tables.choiceValues[u];
    const names = d.dist === 'choice' ? Object.keys(d.choice).filter((name) => d.choice[name] > 0) : [];
    const width = (hi - lo) / ASSUMPTION_BINS;
    let runs = 0;
    const bins = [];
    for (let b = 0; b < ASSUMPTION_BINS; b++) {
      const at = (u * ASSUMPTION_BINS + b) * STATUS_COUNT;
      const binRuns = sumRange(agg.assumptionOutcomes, at, at + STATUS_COUNT);
      runs += binRuns;
      if (yesNo && b !== 0 && b !== ASSUMPTION_BINS - 1) continue;
      if (choice !== null && b >= choice.length) continue;
      const [from, to] =
        choice !== null ? [choice[b], choice[b]] : yesNo ? (b === 0 ? [lo, lo] : [hi, hi]) : [round6(lo + b * width), round6(lo + (b + 1) * width)];
      bins.push({
        from,
        to,
        ...(choice !== null ? { label: names[b] } : {}),
        runs: binRuns,
        deals: wilsonInterval(agg.assumptionOutcomes[at + Status.Deal], binRuns),
        breakdowns: wilsonInterval(agg.assumptionOutcomes[at + Status.Breakdown], binRuns),
      });
    }
    // For a bernoulli the two bins are the lower and the higher value; order them no, yes.
    if (yesNo && d.ifTrue < d.ifFalse) bins.reverse();
    const populated = bins.filter((b) => b.runs > 0);
    const spread = populated.length < 2 ? 0 : populated[populated.length - 1].deals.share - populated[0].deals.share;
    return {
      parameter: slot.path,
      label: slot.label,
      distribution: describeDistribution(d),
      basis: basisOf(slot.source),
      yesNo,
      choice: choice !== null,
      meanSampled: runs === 0 ? 0 : round6(exactSumValue(agg.assumptionSum, u, assumptionScales[u]) / runs),
      bins,
      dealShareSpread: round6(spread),
    };
  });
}

export function summarize(compiled: CompiledScenario, agg: Aggregate, seed: string): Summary {
  const runs = rangeRuns(agg);
  const deals = agg.outcomes[Status.Deal];
  const dealRounds = roundCounts(agg, Status.Deal, compiled.maxRounds);
  const breakdownRounds = roundCounts(agg, Status.Breakdown, compiled.maxRounds);
  const binValue = (b: number) => round6(UTILITY_MIN + (b + 0.5) * UTILITY_BIN_WIDTH);
  const tables = foldTables(compiled);
  const { utilityScale } = tables;
  const sum = (sums: Float64Array, a: number) => exactSumValue(sums, a, utilityScale);

  const actors = compiled.actors.map((actor, a) => {
    const q = (p: number) => histogramQuantile(agg.utilityHistogram, a * UTILITY_BINS, UTILITY_BINS, runs, p, binValue);
    const quantiles: UtilityQuantiles = { p05: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) };
    const mean = sum(agg.utilitySum, a) / runs;
    return {
      actor: actor.id,
      label: actor.label,
      meanUtility: round6(mean),
      sdUtility: round6(histogramSd(agg.utilityHistogram, a * UTILITY_BINS, UTILITY_BINS, runs, mean, binValue)),
      quantiles,
      meanUtilityInDeals: deals === 0 ? null : round6(sum(agg.dealUtilitySum, a) / deals),
      meanReservation: round6(sum(agg.reservationSum, a) / runs),
      aboveReservation: wilsonInterval(agg.aboveReservation[a], runs),
      utilityOutsideHistogram: agg.utilityOutOfRange[a],
    };
  });

  const kinds = new Set(compiled.mechanisms.map(mechanismKind));
  const assumptions = summarizeAssumptions(compiled, agg, tables);
  const summary: Summary = {
    scenario: { name: compiled.name, title: compiled.title },
    mechanism: compiled.mechanism,
    decisionRule: { rule: compiled.decisionRule.kind, text: compiled.decisionRule.text },
    mechanismKind: kinds.size > 1 ? 'mixed' : [...kinds][0],
    seed,
    runs,
    packages: { feasible: compiled.packageCount, total: compiled.packagesBeforeFeasibility },
    rounds: compiled.maxRounds,
    deadline: { text: compiled.deadlineText, openEnded: compiled.openEnded, maxRounds: compiled.maxRounds },
    outcomes: {
      deal: wilsonInterval(deals, runs),
      breakdown: wilsonInterval(agg.outcomes[Status.Breakdown], runs),
      deadline: wilsonInterval(agg.outcomes[Status.Deadline], runs),
      vetoed: wilsonInterval(agg.outcomes[Status.Vetoed], runs),
      stalled: wilsonInterval(agg.outcomes[Status.Stalled], runs),
    },
    zone: summarizeZone(compiled, agg, runs),
    roundsToDeal: {
      mean: meanRound(dealRounds),
      median: roundQuantile(dealRounds, 0.5),
      p10: roundQuantile(dealRounds, 0.1),
      p90: roundQuantile(dealRounds, 0.9),
      counts: dealRounds,
    },
    roundsToBreakdown: { mean: meanRound(breakdownRounds), counts: breakdownRounds },
    // A forecast is dated by its model's iterations, not by weeks of talks: no calendar for it.
    time: kinds.has('talks') ? summarizeTime(compiled, dealRounds, runs) : null,
    deadlineEffect: summarizeDeadlineEffect(agg),
    forecast: summarizeForecast(compiled, agg, runs),
    equilibrium: summarizeEquilibrium(compiled, agg, tables),
    byMechanism: summarizeByMechanism(compiled, agg),
    drivers: summarizeDrivers(compiled, assumptions),
    terms: summarizeTerms(compiled, agg, deals),
    topPackages: topPackages(compiled, agg.packageDeals, deals, runs),
    utilityBinWidth: UTILITY_BIN_WIDTH,
    actors,
    assumptions,
    convergence: agg.traceRuns.map((n, k) => ({ runs: n, deals: wilsonInterval(agg.traceDeals[k], n) })),
    headline: [],
    warnings: [],
  };
  summary.warnings = writeWarnings(summary);
  summary.headline = writeHeadline(summary);
  return summary;
}
