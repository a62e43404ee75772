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
  /** Mean utility of the outcome (the package's, or the reservation utility without a deal). */
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
  /** The bin [from, to) of sampled values (for a yes/no fact: the value itself). */
  from: number;
  to: number;
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
  /** Whether it is a yes/no fact (bernoulli): two bins, "no" then "yes". */
  yesNo: boolean;
  meanSampled: number;
  bins: AssumptionBin[];
  /** P(deal) in the highest bin with runs minus P(deal) in the lowest: a first measure of influence. */
  dealShareSpread: number;
}

export interface ConvergencePoint {
  runs: number;
  deals: Proportion;
}

export interface Summary {
  scenario: { name: string; title: string };
  /** The mechanism the runs were played under. */
  mechanism: string;
  seed: string;
  runs: number;
  packages: { feasible: number; total: number };
  rounds: number;
  outcomes: { deal: Proportion; breakdown: Proportion; deadline: Proportion };
  roundsToDeal: { mean: number | null; median: number | null; p10: number | null; p90: number | null; counts: RoundCount[] };
  roundsToBreakdown: { mean: number | null; counts: RoundCount[] };
  terms: TermDistribution[];
  topPackages: TopPackage[];
  utilityBinWidth: number;
  actors: ActorOutcome[];
  assumptions: AssumptionOutcome[];
  convergence: ConvergencePoint[];
  headline: string[];
}
