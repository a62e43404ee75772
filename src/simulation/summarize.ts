/**
 * Aggregate → Summary: shares with Wilson intervals, quantiles read off the fixed-bin
 * histograms, agreed terms derived from the per-package deal counts, the top packages, and
 * P(deal) by bin of every uncertain parameter.
 */
import { describePackage } from '../negotiation/compile.ts';
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { Status } from '../negotiation/run-result.ts';
import type { Distribution } from '../scenario/param.ts';
import { ASSUMPTION_BINS, UTILITY_BIN_WIDTH, UTILITY_BINS, UTILITY_MIN, foldTables, type Aggregate, type FoldTables } from './aggregate.ts';
import { exactSumValue } from './exact-sum.ts';
import { writeHeadline } from './headline.ts';
import type { AssumptionOutcome, RoundCount, Summary, TermDistribution, TopPackage, UtilityQuantiles } from './summary-types.ts';
import { wilsonInterval } from './wilson.ts';

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

function topPackages(compiled: CompiledScenario, agg: Aggregate, deals: number, runs: number): TopPackage[] {
  const ids: number[] = [];
  for (let p = 0; p < compiled.packageCount; p++) if (agg.packageDeals[p] > 0) ids.push(p);
  // Most deals first; equal counts in package order, so the list is deterministic.
  ids.sort((a, b) => agg.packageDeals[b] - agg.packageDeals[a] || a - b);
  return ids.slice(0, TOP_PACKAGES).map((p, k) => {
    const { terms, label } = describePackage(compiled, p);
    const count = agg.packageDeals[p];
    return { rank: k + 1, terms, label, count, shareOfDeals: count / deals, shareOfRuns: count / runs };
  });
}

function summarizeAssumptions(compiled: CompiledScenario, agg: Aggregate, tables: FoldTables): AssumptionOutcome[] {
  const { supports, assumptionScales } = tables;
  return compiled.uncertainParameters.map((k, u) => {
    const slot = compiled.parameters[k];
    const d = slot.distribution;
    const lo = supports[2 * u];
    const hi = supports[2 * u + 1];
    const yesNo = d.dist === 'bernoulli';
    const width = (hi - lo) / ASSUMPTION_BINS;
    let runs = 0;
    const bins = [];
    for (let b = 0; b < ASSUMPTION_BINS; b++) {
      const at = (u * ASSUMPTION_BINS + b) * 3;
      const binRuns = agg.assumptionOutcomes[at] + agg.assumptionOutcomes[at + 1] + agg.assumptionOutcomes[at + 2];
      runs += binRuns;
      if (yesNo && b !== 0 && b !== ASSUMPTION_BINS - 1) continue;
      bins.push({
        from: yesNo ? (b === 0 ? lo : hi) : round6(lo + b * width),
        to: yesNo ? (b === 0 ? lo : hi) : round6(lo + (b + 1) * width),
        runs: binRuns,
        deals: wilsonInterval(agg.assumptionOutcomes[at + Status.Deal], binRuns),
        breakdowns: wilsonInterval(agg.assumptionOutcomes[at + Status.Breakdown], binRuns),
      });
    }
    // For a bernoulli the two bins are the lower and the higher value; order them no, yes.
    if (yesNo && d.dist === 'bernoulli' && d.ifTrue < d.ifFalse) bins.reverse();
    const populated = bins.filter((b) => b.runs > 0);
    const spread = populated.length < 2 ? 0 : populated[populated.length - 1].deals.share - populated[0].deals.share;
    return {
      parameter: slot.path,
      label: slot.label,
      distribution: describeDistribution(d),
      yesNo,
      meanSampled: runs === 0 ? 0 : round6(exactSumValue(agg.assumptionSum, u, assumptionScales[u]) / runs),
      bins,
      dealShareSpread: round6(spread),
    };
  });
}

export function summarize(compiled: CompiledScenario, agg: Aggregate, seed: string): Summary {
  const runs = agg.endRun - agg.firstRun;
  const deals = agg.outcomes[Status.Deal];
  const dealRounds = roundCounts(agg, Status.Deal, compiled.rounds);
  const breakdownRounds = roundCounts(agg, Status.Breakdown, compiled.rounds);
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

  const summary: Summary = {
    scenario: { name: compiled.name, title: compiled.title },
    mechanism: compiled.mechanism,
    seed,
    runs,
    packages: { feasible: compiled.packageCount, total: compiled.packagesBeforeFeasibility },
    rounds: compiled.rounds,
    outcomes: {
      deal: wilsonInterval(deals, runs),
      breakdown: wilsonInterval(agg.outcomes[Status.Breakdown], runs),
      deadline: wilsonInterval(agg.outcomes[Status.Deadline], runs),
    },
    roundsToDeal: {
      mean: meanRound(dealRounds),
      median: roundQuantile(dealRounds, 0.5),
      p10: roundQuantile(dealRounds, 0.1),
      p90: roundQuantile(dealRounds, 0.9),
      counts: dealRounds,
    },
    roundsToBreakdown: { mean: meanRound(breakdownRounds), counts: breakdownRounds },
    terms: summarizeTerms(compiled, agg, deals),
    topPackages: topPackages(compiled, agg, deals, runs),
    utilityBinWidth: UTILITY_BIN_WIDTH,
    actors,
    assumptions: summarizeAssumptions(compiled, agg, tables),
    convergence: agg.traceRuns.map((n, k) => ({ runs: n, deals: wilsonInterval(agg.traceDeals[k], n) })),
    headline: [],
  };
  summary.headline = writeHeadline(summary);
  return summary;
}
