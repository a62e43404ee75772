/**
 * Batches side by side (`parley compare`, `parley run --variant all | --mechanism all`): outcome
 * shares, the agreed terms, each actor's utility — each against the first batch (the baseline),
 * with a 95% interval for the difference and whether it is larger than the Monte Carlo error.
 *
 * Differences of shares use Newcombe's hybrid score interval for the difference of two
 * independent proportions (Newcombe 1998, Statistics in Medicine 17:873, method 10), built from
 * the two Wilson intervals already in each summary. Differences of means use the normal interval
 * d ± 1.96 √(s₁²/n₁ + s₂²/n₂). Batches run with the same seeds share their random numbers, which
 * makes their differences less noisy than these independent-sample intervals say: the intervals
 * are then conservative, and a difference called larger than the Monte Carlo error is so.
 */
import { percent, tablePoints } from '../format/numbers.ts';
import { levelMoments as momentsOf } from './level-moments.ts';
import type { Proportion, StoredSummary, Summary } from './summary-types.ts';
import { pairedTraceChange, sameTracePositions, type DealTrace } from './paired-trace.ts';
import { Z95 } from './wilson.ts';

export interface ComparedBatch {
  /** How the batch is named in charts: a variant, a mechanism, or the folder name. */
  label: string;
  /** Where it was read from or written to (relative), if on disk. */
  folder: string | null;
  scenario: string;
  mechanism: string;
  /** Talks end in deals; forecasts are accepted (`mixed`: a choice of mechanism with both). */
  kind: 'talks' | 'forecast' | 'mixed';
  seed: string;
  runs: number;
  /** A forecasting batch: who vetoes its forecast most often, by how much, and how far the nearest acceptable package lies (null for talks). */
  vetoes: { vetoed: Proportion; by: string | null; share: number | null; medianShortfall: number | null; meanDistance: number | null } | null;
}

/** A difference (this batch − the baseline) with its 95% interval. */
export interface Difference {
  estimate: number;
  low: number;
  high: number;
  /** The interval excludes 0: the difference is larger than the Monte Carlo error. */
  beyondMonteCarloError: boolean;
  /**
   * How the interval was computed: `paired`, run block by run block, for P(deal) between batches of
   * the same seed and runs (common random numbers, paired-trace.ts); `independent` otherwise (as if
   * the batches were independent samples, which is conservative under common random numbers).
   */
  method: 'paired' | 'independent';
}

/** What a comparison sets side by side: the zone of agreement, the deal rate given a zone, and each way runs end. */
export const COMPARED_OUTCOMES = ['zone', 'dealGivenZone', 'deal', 'breakdown', 'deadline', 'stalled', 'vetoed'] as const;
export type OutcomeName = (typeof COMPARED_OUTCOMES)[number];

/** A batch's share for a compared outcome (undefined in a summary written before parley reported it). */
function outcomeShare(s: StoredSummary, outcome: OutcomeName): Proportion | undefined {
  if (outcome === 'zone') return s.zone?.exists;
  if (outcome === 'dealGivenZone') return s.zone?.dealGivenZone;
  return s.outcomes[outcome];
}

export interface ComparedOutcome {
  batch: string;
  outcome: OutcomeName;
  share: Proportion;
  vsBaseline: Difference | null;
}

export interface ComparedOption {
  batch: string;
  option: string;
  optionLabel: string;
  /** Share of the batch's deals that agreed this option. */
  share: Proportion;
  vsBaseline: Difference | null;
}

export interface ComparedMean {
  batch: string;
  mean: number;
  low: number;
  high: number;
  vsBaseline: Difference | null;
}

export interface ComparedTerm {
  issue: string;
  label: string;
  kind: 'categorical' | 'ordinal' | 'continuous';
  unit?: string;
  options: ComparedOption[];
  /** Continuous issues: the mean agreed level among deals, per batch. */
  meanLevel: ComparedMean[];
}

export interface ComparedActor {
  actor: string;
  label: string;
  /** Mean utility of the outcome over all runs: a deal's gain discounted by patience to its round (settle.ts); reservation utility without a deal. */
  utility: ComparedMean[];
  /** The actor's mean fallback (reservation utility: its value of no deal) in each batch, in the order of `utility`. */
  fallback?: { batch: string; mean: number }[];
}

export interface Comparison {
  baseline: string;
  batches: ComparedBatch[];
  /** Every batch used the same seed and runs: common random numbers. */
  commonRandomNumbers: boolean;
  outcomes: ComparedOutcome[];
  terms: ComparedTerm[];
  actors: ComparedActor[];
  headline: string[];
}

/** Newcombe's hybrid score interval for p₁ − p₂ from the two Wilson intervals. */
export function proportionDifference(p1: Proportion, p2: Proportion): Difference {
  const d = p1.share - p2.share;
  const low = d - Math.sqrt((p1.share - p1.low) ** 2 + (p2.high - p2.share) ** 2);
  const high = d + Math.sqrt((p1.high - p1.share) ** 2 + (p2.share - p2.low) ** 2);
  return { estimate: d, low, high, beyondMonteCarloError: low > 0 || high < 0, method: 'independent' };
}

/**
 * Fewer run blocks than this, and the paired interval's normal approximation is not to be trusted:
 * the independent-sample interval is used instead.
 */
export const MIN_PAIRED_BLOCKS = 30;

/**
 * The change in P(deal) of two batches of the same seed and runs, paired run block by run block
 * over their convergence traces. Null (use the independent-sample interval) when the traces do not
 * mark the same runs, hold fewer than MIN_PAIRED_BLOCKS blocks, or differ in no block at all: a
 * zero spread says the runs did not change, not that the change is known to be exactly 0.
 */
export function pairedDealDifference(second: Summary | StoredSummary, first: Summary | StoredSummary): Difference | null {
  if (!Array.isArray(first.convergence) || !Array.isArray(second.convergence)) return null;
  const trace = (s: Summary | StoredSummary): DealTrace => ({ runs: s.convergence.map((p) => p.runs), deals: s.convergence.map((p) => p.deals.count) });
  const [a, b] = [trace(first), trace(second)];
  if (first.seed !== second.seed || first.runs !== second.runs || a.runs.at(-1) !== first.runs || !sameTracePositions(a, b)) return null;
  const paired = pairedTraceChange(a, b);
  if (paired.standardError === null || paired.standardError === 0 || paired.blocks < MIN_PAIRED_BLOCKS) return null;
  // Centred on the difference of the shares the tables print (the same number up to rounding).
  const estimate = second.outcomes.deal.share - first.outcomes.deal.share;
  const half = Z95 * paired.standardError;
  const low = Math.max(-1, estimate - half);
  const high = Math.min(1, estimate + half);
  return { estimate, low, high, beyondMonteCarloError: low > 0 || high < 0, method: 'paired' };
}

/** d = m₁ − m₂ with the normal 95% interval from the standard errors. */
export function meanDifference(m1: number, se1: number, m2: number, se2: number): Difference {
  const d = m1 - m2;
  const half = Z95 * Math.sqrt(se1 * se1 + se2 * se2);
  return { estimate: d, low: d - half, high: d + half, beyondMonteCarloError: half < Math.abs(d), method: 'independent' };
}

function meanWithInterval(batch: string, mean: number, se: number): ComparedMean & { se: number } {
  return { batch, mean, low: mean - Z95 * se, high: mean + Z95 * se, vsBaseline: null, se };
}

/** Mean and standard error of a continuous issue's agreed level, from the share of deals at each level. */
function levelMoments(term: Summary['terms'][number]): { mean: number; se: number } | null {
  const m = momentsOf(
    term.options.map((o) => o.deals.count),
    term.options.map((o) => Number(o.option)),
  );
  return m === null ? null : { mean: m.mean, se: Number.isFinite(m.standardError) ? m.standardError : 0 };
}

export interface LabelledSummary {
  label: string;
  folder: string | null;
  /** A summary from a run folder may come from an earlier parley, without the fields added since. */
  summary: StoredSummary;
}

function vetoesOf(s: StoredSummary): ComparedBatch['vetoes'] {
  const f = s.forecast;
  if (f === null || f === undefined || f.runs === 0) return null;
  const top = f.vetoes.find((v) => v.decisive.count > 0);
  return {
    vetoed: f.vetoed,
    by: top?.label ?? null,
    share: top ? top.decisive.share : null,
    medianShortfall: top?.medianShortfall ?? null,
    meanDistance: f.meanDistance,
  };
}

export function compareSummaries(entries: readonly LabelledSummary[]): Comparison {
  if (entries.length < 2) throw new RangeError('a comparison needs at least two batches');
  const [base] = entries;
  const batches = entries.map(({ label, folder, summary: s }) => ({
    label,
    folder,
    scenario: s.scenario.name,
    mechanism: s.mechanism ?? 'alternating-offers',
    kind: s.mechanismKind ?? 'talks',
    seed: s.seed,
    runs: s.runs,
    vetoes: vetoesOf(s),
  }));
  const commonRandomNumbers = batches.every((b) => b.seed === batches[0].seed && b.runs === batches[0].runs);

  // Every batch must report an outcome for it to be compared; endings no batch had are left out (deal always stays).
  const compared = COMPARED_OUTCOMES.filter(
    (o) =>
      entries.every(({ summary: s }) => outcomeShare(s, o) !== undefined) && (o === 'deal' || entries.some(({ summary: s }) => outcomeShare(s, o)!.count > 0)),
  );
  const outcomes: ComparedOutcome[] = entries.flatMap(({ label, summary: s }, k) =>
    compared.map((outcome) => ({
      batch: label,
      outcome,
      share: outcomeShare(s, outcome)!,
      vsBaseline:
        k === 0
          ? null
          : ((outcome === 'deal' ? pairedDealDifference(s, base.summary) : null) ??
            proportionDifference(outcomeShare(s, outcome)!, outcomeShare(base.summary, outcome)!)),
    })),
  );

  const terms: ComparedTerm[] = base.summary.terms.map((baseTerm) => {
    const options: ComparedOption[] = [];
    const meanLevel: ComparedMean[] = [];
    const baseMoments = levelMoments(baseTerm);
    const baseHasDeals = base.summary.outcomes.deal.count > 0;
    entries.forEach(({ label, summary: s }, k) => {
      const term = s.terms.find((t) => t.issue === baseTerm.issue);
      // A batch without deals agreed no terms: it has no shares to show or compare.
      if (term === undefined || s.outcomes.deal.count === 0) return;
      for (const o of term.options) {
        const baseOption = baseHasDeals ? baseTerm.options.find((b) => b.option === o.option) : undefined;
        options.push({
          batch: label,
          option: o.option,
          optionLabel: o.label,
          share: o.deals,
          vsBaseline: k === 0 || baseOption === undefined ? null : proportionDifference(o.deals, baseOption.deals),
        });
      }
      if (term.kind === 'continuous') {
        const m = levelMoments(term);
        if (m === null) return;
        const { se, ...row } = meanWithInterval(label, m.mean, m.se);
        meanLevel.push({ ...row, vsBaseline: k === 0 || baseMoments === null ? null : meanDifference(m.mean, se, baseMoments.mean, baseMoments.se) });
      }
    });
    return { issue: baseTerm.issue, label: baseTerm.label, kind: baseTerm.kind, unit: baseTerm.unit, options, meanLevel };
  });

  const actors: ComparedActor[] = base.summary.actors.map((baseActor) => {
    // Summaries written before parley recorded sdUtility have no spread: no interval, no verdict.
    const standardError = (sd: number | undefined, runs: number) => (typeof sd === 'number' ? sd / Math.sqrt(runs) : Number.NaN);
    const baseSe = standardError(baseActor.sdUtility, base.summary.runs);
    const utility: ComparedMean[] = [];
    const fallback: { batch: string; mean: number }[] = [];
    entries.forEach(({ label, summary: s }, k) => {
      const a = s.actors.find((x) => x.actor === baseActor.actor);
      if (a === undefined) return;
      fallback.push({ batch: label, mean: a.meanReservation });
      const { se, ...row } = meanWithInterval(label, a.meanUtility, standardError(a.sdUtility, s.runs));
      const comparable = k > 0 && Number.isFinite(se) && Number.isFinite(baseSe);
      utility.push({ ...row, vsBaseline: comparable ? meanDifference(a.meanUtility, se, baseActor.meanUtility, baseSe) : null });
    });
    return { actor: baseActor.actor, label: baseActor.label, utility, fallback };
  });

  const comparison: Comparison = { baseline: base.label, batches, commonRandomNumbers, outcomes, terms, actors, headline: [] };
  comparison.headline = comparisonHeadline(comparison);
  return comparison;
}

/** For a forecasting batch: who vetoes it most, by how much, and the nearest acceptable package. */
function vetoWords(b: ComparedBatch): string {
  const v = b.vetoes;
  if (v === null || v.vetoed.count === 0 || v.by === null) return '';
  const shortfall = v.medianShortfall === null ? '' : `, short by ${v.medianShortfall.toFixed(3)} in utility at the median`;
  const nearest =
    v.meanDistance === null ? '' : `; the nearest package every needed party accepts lies ${v.meanDistance.toFixed(2)} issue steps away on average`;
  return `; vetoed in ${percent(v.vetoed.share)}, most often by ${v.by} (${percent(v.share ?? 0)} of vetoes${shortfall})${nearest}`;
}

const points = (d: number) => `${tablePoints(d)} points`;

/** A sentence per batch on its deal rate against the baseline, and the largest shift in terms. */
export function comparisonHeadline(c: Comparison): string[] {
  const deal = (batch: string) => c.outcomes.find((o) => o.batch === batch && o.outcome === 'deal')!;
  const base = deal(c.baseline);
  // A forecast is accepted, not "a deal reached": say which each batch's share is.
  const dealWord = (label: string) => (c.batches.find((b) => b.label === label)?.kind === 'forecast' ? 'forecast accepted' : 'deal');
  const sentences = [`Against ${c.baseline} (${dealWord(c.baseline)} in ${percent(base.share.share)} of runs):`];
  for (const b of c.batches.slice(1)) {
    const o = deal(b.label);
    const d = o.vsBaseline!;
    const verdict = d.beyondMonteCarloError ? 'larger than the Monte Carlo error' : 'within the Monte Carlo error';
    let shift = '';
    const moved = c.terms
      .flatMap((t) => t.options.filter((x) => x.batch === b.label && x.vsBaseline?.beyondMonteCarloError === true).map((x) => ({ t, x })))
      .sort((p, q) => Math.abs(q.x.vsBaseline!.estimate) - Math.abs(p.x.vsBaseline!.estimate))
      .at(0);
    if (moved !== undefined) shift = `; the largest shift in terms: ${moved.t.label} “${moved.x.optionLabel}” ${points(moved.x.vsBaseline!.estimate)} of deals`;
    sentences.push(`${b.label}: ${dealWord(b.label)} in ${percent(o.share.share)} (${points(d.estimate)}, ${verdict})${shift}${vetoWords(b)}.`);
  }
  if (c.commonRandomNumbers) {
    const paired = c.outcomes.some((o) => o.vsBaseline?.method === 'paired');
    sentences.push(
      paired
        ? 'All batches used the same seed and runs (common random numbers): the change in P(deal) is measured run by run (a paired interval); the other intervals treat the batches as independent, so they usually overstate the Monte Carlo error.'
        : 'All batches used the same seed and runs (common random numbers), so the intervals of the differences are conservative.',
    );
  }
  return sentences;
}
