/**
 * The summary of a batch (summary.json): outcome distributions with 95% Wilson intervals,
 * agreed terms, top packages, utilities, what was sampled, convergence and a headline.
 * Everything the charts and the report show comes from here. Deterministic: the same seed and
 * runs give the same summary, byte for byte, with any number of workers.
 */
import type { Proportion } from './wilson.ts';

export type { Proportion };

export interface RoundCount {
  round: number;
  count: number;
}

export interface TermOption {
  option: string;
  label: string;
  /** Deals that agreed this option, as a share of all deals, with its interval. */
  deals: Proportion;
}

export interface TermDistribution {
  issue: string;
  label: string;
  kind: 'categorical' | 'ordinal' | 'continuous';
  unit?: string;
  options: TermOption[];
  /** For a continuous issue: the mean agreed level over deals (null without deals). */
  meanLevel?: number | null;
}

export interface TopPackage {
  rank: number;
  /** issue id → option id. */
  terms: Record<string, string>;
  /** The package in words: option labels joined by " · ". */
  label: string;
  count: number;
  shareOfDeals: number;
  shareOfRuns: number;
}

export interface UtilityQuantiles {
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface ActorOutcome {
  actor: string;
  label: string;
  /** Mean utility of the outcome: with a deal in round k, r + δ^(k−1)(u − r) (the package's gain over the fallback
   * discounted by the actor's patience for the rounds it took, settle.ts); without a deal, the reservation utility r. */
  meanUtility: number;
  /** Standard deviation of the outcome utility over runs (from the histogram; for the Monte Carlo error of the mean). */
  sdUtility: number;
  /** Quantiles of the outcome utility, read off a histogram of bin width `utilityBinWidth`. */
  quantiles: UtilityQuantiles;
  meanUtilityInDeals: number | null;
  meanReservation: number;
  /** Runs that left the actor strictly above its reservation utility. */
  aboveReservation: Proportion;
  /** Runs whose outcome utility fell outside the histogram's range [-1, 2) (quantiles then clip). */
  utilityOutsideHistogram: number;
}

export interface AssumptionBin {
  /** The bin [from, to) of sampled values (for a yes/no fact or a choice: the value itself). */
  from: number;
  to: number;
  /** For a choice: the alternative's name. */
  label?: string;
  runs: number;
  /** Deals among the runs in this bin. */
  deals: Proportion;
  breakdowns: Proportion;
}

export interface AssumptionOutcome {
  /** Field path in the model file. */
  parameter: string;
  label: string;
  /** The distribution in words, e.g. "uniform(0.9, 0.99)". */
  distribution: string;
  /** "evidence" when its source cites the article (¶), else "assumption". */
  basis: 'evidence' | 'assumption';
  /** Whether it is a yes/no fact (bernoulli): two bins, "no" then "yes". */
  yesNo: boolean;
  /** Whether it is a choice between alternatives: one bin each, labelled. */
  choice: boolean;
  meanSampled: number;
  bins: AssumptionBin[];
  /** P(deal) in the highest bin with runs minus P(deal) in the lowest: a first measure of influence. */
  dealShareSpread: number;
}

export interface ConvergencePoint {
  runs: number;
  deals: Proportion;
}

/** Quantiles of a distribution read off a histogram (null without runs). */
export interface Spread {
  p10: number | null;
  p50: number | null;
  p90: number | null;
}

export interface ZoneBin {
  /** Zone widths in [from, to). */
  from: number;
  to: number;
  runs: number;
  /** Deals (accepted forecasts) among them. */
  deals: number;
}

export interface ZoneBlocker {
  actor: string;
  label: string;
  /** Runs without a zone in which this actor is short of its reservation utility at the package closest to agreement (share of runs without a zone). */
  short: Proportion;
  /** Runs without a zone that this actor alone could open by lowering its reservation utility (share of runs without a zone). */
  alone: Proportion;
  /** The median of that concession, in utility (null if it never could). */
  medianConcession: number | null;
}

/**
 * Two questions, answered apart: is there a package every actor whose consent it needs prefers
 * to no deal (decided by the sampled preferences and fallbacks, before anyone bargains), and if
 * there is, do the talks find one (decided by the process: protocol, patience, deadline, risk).
 */
export interface ZoneSummary {
  /** Runs with a zone of agreement. */
  exists: Proportion;
  /** Deals among the runs with a zone (deals need a zone: no one accepts less than its reservation). */
  dealGivenZone: Proportion;
  /** Width of the zone (best worst-off gain over reservation, in utility; negative: how far from one), over all runs and over runs with a zone. */
  width: Spread;
  widthGivenZone: Spread;
  /** Runs by zone width (0.01-wide bins over the widths that occur), with their deals. */
  histogram: ZoneBin[];
  /** Who blocks, over the runs without a zone (consenting actors only). */
  blockers: ZoneBlocker[];
}

export interface VetoSummary {
  actor: string;
  label: string;
  /** Vetoed forecasts that leave this actor below its reservation utility (share of vetoed forecasts). */
  short: Proportion;
  /** Vetoed forecasts it is short of by most (share of vetoed forecasts), and the median shortfall then. */
  decisive: Proportion;
  medianShortfall: number | null;
}

/** For mechanisms that forecast one package per run (mechanism-kind.ts). */
export interface ForecastSummary {
  /** Runs (of this batch) played under a forecasting mechanism. */
  runs: number;
  accepted: Proportion;
  vetoed: Proportion;
  /** Vetoed runs in which the mechanism named no package (a solution concept without an acceptable package). */
  noForecast: number;
  /** The most frequent forecasts, accepted or not. */
  packages: TopPackage[];
  vetoes: VetoSummary[];
  /** For vetoed forecasts: the most frequent nearest packages every needed actor accepts, and the mean distance to them (issue-scale units; null if none). */
  nearestAccepted: TopPackage[];
  meanDistance: number | null;
  /** Vetoed forecasts with no acceptable package at all. */
  noneAcceptable: number;
}

/** Time to a deal in calendar terms, when the model gives rounds a length. */
export interface TimeSummary {
  roundLength: { value: number; unit: string; months: number; source?: string };
  /** Months to a deal (deals only). */
  monthsToDeal: Spread;
  /** P(a deal within t months), over all runs, for a few horizons. */
  dealWithin: { months: number; deals: Proportion }[];
}

export interface DeadlineEffect {
  /** Deals in runs with a deadline, and the share of them made in the last tenth of its rounds. */
  deals: number;
  lastTenth: Proportion;
  /** More than half of the deals come in the last tenth: the deadline, an assumption, drives them. */
  flagged: boolean;
}

export interface MechanismOutcome {
  mechanism: string;
  kind: 'talks' | 'forecast';
  runs: number;
  deals: Proportion;
}

/**
 * The equilibrium theory of the runs in which a seat played equilibrium in talks: the
 * complete-information equilibrium, how it was solved, and how far the grid can move it.
 */
export interface EquilibriumSummary {
  /** Runs with an equilibrium seat in talks. */
  runs: number;
  /** The continuous issue solved on the continuum (its levels only report agreed packages), or null: solved on the model's packages. */
  continuumIssue: { issue: string; label: string; levels: number; levelStep: number } | null;
  /** The issues solved on their options or levels. */
  gridIssues: string[];
  /** The largest grid bound over those runs, in utility (the top of its quarter-decade bin; null: none reported), and the runs whose bound is at least GRID_BOUND_NOTICE. */
  gridBound: number | null;
  gridBoundRuns: Proportion;
  /** What the bound means here, in words. */
  gridBoundNote: string;
  /** The mean equilibrium value of each actor at the start (on the continuum: the continuum split). */
  values: { actor: string; label: string; mean: number }[];
  /** The mean point of the first equilibrium offer on the continuous issue (null: not solved on the continuum). */
  point: number | null;
}

/** The uncertain parameter P(deal) moves most with, from one batch (a first look; `parley sensitivity` measures it). */
export interface Driver {
  parameter: string;
  label: string;
  /** "evidence" when its source cites the article (¶), "assumption" when it says so or cites nothing. */
  basis: 'evidence' | 'assumption';
  source: string;
  /** P(deal) in its lowest and highest bin with runs. */
  low: { at: string; deals: number };
  high: { at: string; deals: number };
  spread: number;
}

export interface Summary {
  scenario: { name: string; title: string };
  /** The mechanism the runs were played under (or "choice(…)" of several). */
  mechanism: string;
  /** Who must accept a deal (decision-rule.ts): unanimity of the veto players and guarantors, or a vote; and in words. */
  decisionRule: { rule: 'unanimity' | 'majority' | 'qualified-majority'; text: string };
  /** Whether the runs were talks, forecasts, or a mix of both (a choice of mechanism). */
  mechanismKind: 'talks' | 'forecast' | 'mixed';
  seed: string;
  runs: number;
  packages: { feasible: number; total: number };
  /** The most rounds a run could take (its deadline, or the cap of an open-ended negotiation). */
  rounds: number;
  /** The deadline as the model gives it: "30 rounds", "none", or a choice; and whether runs can be open-ended. */
  deadline: { text: string; openEnded: boolean; maxRounds: number };
  outcomes: { deal: Proportion; breakdown: Proportion; deadline: Proportion; vetoed: Proportion; stalled: Proportion };
  zone: ZoneSummary;
  roundsToDeal: { mean: number | null; median: number | null; p10: number | null; p90: number | null; counts: RoundCount[] };
  roundsToBreakdown: { mean: number | null; counts: RoundCount[] };
  time: TimeSummary | null;
  deadlineEffect: DeadlineEffect | null;
  forecast: ForecastSummary | null;
  /** When seats play equilibrium: the theory they solve and its grid bound (null: no such runs). */
  equilibrium: EquilibriumSummary | null;
  /** With a choice of mechanism: the runs and deals under each. */
  byMechanism: MechanismOutcome[];
  drivers: Driver[];
  terms: TermDistribution[];
  topPackages: TopPackage[];
  utilityBinWidth: number;
  actors: ActorOutcome[];
  assumptions: AssumptionOutcome[];
  convergence: ConvergencePoint[];
  headline: string[];
  /** What the reader should know before trusting the numbers (a deadline effect, stalled runs, one dominant assumption). */
  warnings: string[];
}

/** Summary fields a summary.json written by an earlier parley may lack (they were added since). */
type AddedSinceFirstRelease = 'mechanism' | 'mechanismKind' | 'zone' | 'forecast';

/** A summary.json read back from a run folder, possibly written by an earlier parley. */
export type StoredSummary = Omit<Summary, AddedSinceFirstRelease> & Partial<Pick<Summary, AddedSinceFirstRelease>>;
