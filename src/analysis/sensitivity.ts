/**
 * `parley sensitivity`: which assumptions move the result.
 *
 * One-at-a-time swings (a tornado): for every uncertain parameter, the batch is run twice with the
 * parameter pinned (pins.ts) — at its low and at its high quantile (default 10% and 90%; a yes/no
 * fact at "no" and "yes") — while every other parameter is drawn as usual. Both arms use the
 * same seeds, so run i of one arm is paired with run i of the other (common random numbers) and
 * the swing in P(deal) is estimated with a paired error (paired-difference.ts). The change in
 * each key term (key-terms.ts) is reported too.
 *
 * Rank correlations (global, from one batch): Spearman's ρ between each sampled parameter and each
 * outcome of the baseline batch — the model as written, with the same seeds (rank-correlation.ts).
 *
 * Pure apart from the batches it asks `simulate` for.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { distributionQuantile } from '../scenario/distribution-quantile.ts';
import type { MasterSeed } from '../simulation/seeding.ts';
import { summarize } from '../simulation/summarize.ts';
import type { Proportion, Summary } from '../simulation/summary-types.ts';
import { percent, signedPoints } from './analysis-text.ts';
import type { BatchRunner } from './batch-runner.ts';
import { keyTermDefinitions, keyTermValues, type KeyTermDefinition, type KeyTermValue } from './key-terms.ts';
import { pairedDealChange, type PairedChange } from './paired-difference.ts';
import { withPins } from './pins.ts';
import { rankCorrelations, type RankCorrelations } from './rank-correlation.ts';
import { collectRunColumns } from './run-columns.ts';

export interface SensitivityQuantiles {
  low: number;
  high: number;
}

export const DEFAULT_QUANTILES: SensitivityQuantiles = { low: 0.1, high: 0.9 };

/** One arm: the parameter pinned at one value. */
export interface SensitivityArm {
  /** "10% quantile", or "no"/"yes" for a yes/no fact. */
  label: string;
  value: number;
}

export interface PlannedParameter {
  slot: number;
  parameter: string;
  label: string;
  yesNo: boolean;
  low: SensitivityArm;
  high: SensitivityArm;
}

/** The two arms of every uncertain parameter, in model order. */
export function planSensitivity(compiled: CompiledScenario, quantiles: SensitivityQuantiles = DEFAULT_QUANTILES): PlannedParameter[] {
  const name = (q: number) => `${Number((100 * q).toPrecision(6))}% quantile`;
  return compiled.uncertainParameters.map((slot) => {
    const { path, label, distribution: d } = compiled.parameters[slot];
    if (d.dist === 'bernoulli') {
      return { slot, parameter: path, label, yesNo: true, low: { label: 'no', value: d.ifFalse }, high: { label: 'yes', value: d.ifTrue } };
    }
    return {
      slot,
      parameter: path,
      label,
      yesNo: false,
      low: { label: name(quantiles.low), value: distributionQuantile(d, quantiles.low) },
      high: { label: name(quantiles.high), value: distributionQuantile(d, quantiles.high) },
    };
  });
}

export interface ArmResult extends SensitivityArm {
  deal: Proportion;
  breakdown: Proportion;
  terms: KeyTermValue[];
}

export interface TermChange {
  issue: string;
  /** The key term at the high arm minus at the low arm (null if either has no deals). */
  change: number | null;
  /** The change as a share of the term's scale (KeyTermDefinition.scale). */
  changeOfScale: number | null;
}

export interface SensitivityParameter {
  parameter: string;
  label: string;
  /** The model's distribution, in words. */
  distribution: string;
  yesNo: boolean;
  low: ArmResult;
  high: ArmResult;
  /** P(deal) at the high arm minus at the low arm, with its paired 95% interval. */
  dealSwing: PairedChange;
  /** P(breakdown) at the high arm minus at the low arm. */
  breakdownChange: number;
  termChanges: TermChange[];
}

export interface SensitivityResult {
  analysis: 'sensitivity';
  scenario: { name: string; title: string };
  seed: MasterSeed;
  runsPerArm: number;
  quantiles: SensitivityQuantiles;
  /** How the swings and their intervals were estimated, in words. */
  method: string;
  terms: KeyTermDefinition[];
  /** The model as written, with the same seeds (the batch the rank correlations come from). */
  baseline: { deal: Proportion; breakdown: Proportion; terms: KeyTermValue[] };
  /** Largest |P(deal) swing| first. */
  parameters: SensitivityParameter[];
  rankCorrelations: RankCorrelations;
  headline: string[];
}

export interface SensitivityOptions {
  seed: MasterSeed;
  runs: number;
  quantiles?: SensitivityQuantiles;
  simulate: BatchRunner;
}

export const SENSITIVITY_METHOD =
  'Each arm reruns the same runs with the same seeds, one parameter pinned (every parameter is still drawn, then the pinned one overwritten, ' +
  'so all others get identical draws: common random numbers). The swing is P(deal) at the high arm minus the low arm; its 95% interval is ' +
  'paired: from the differences between the arms in about 200 equal blocks of runs (batch means), so only runs whose outcome the pin changes count.';

/** Runs the baseline (with per-run rows for the rank correlations) and both arms of every uncertain parameter. */
export async function runSensitivity(compiled: CompiledScenario, options: SensitivityOptions): Promise<{ result: SensitivityResult; baseline: Summary }> {
  const { seed, runs, simulate } = options;
  const quantiles = options.quantiles ?? DEFAULT_QUANTILES;
  const rows = collectRunColumns(compiled, runs);
  const baselineAggregate = await simulate(compiled, { seed, runs, onRows: rows.onRows });
  const baseline = summarize(compiled, baselineAggregate, seed);
  const terms = keyTermDefinitions(compiled, baseline);
  const parameters: SensitivityParameter[] = [];
  for (const planned of planSensitivity(compiled, quantiles)) {
    const arm = async (at: SensitivityArm) => {
      const pinned = withPins(compiled, [{ slot: planned.slot, value: at.value }]);
      const aggregate = await simulate(pinned, { seed, runs });
      const summary = summarize(pinned, aggregate, seed);
      const result: ArmResult = { ...at, deal: summary.outcomes.deal, breakdown: summary.outcomes.breakdown, terms: keyTermValues(pinned, summary, terms) };
      return { aggregate, result };
    };
    const low = await arm(planned.low);
    const high = await arm(planned.high);
    parameters.push({
      parameter: planned.parameter,
      label: planned.label,
      distribution: baseline.assumptions.find((a) => a.parameter === planned.parameter)?.distribution ?? '',
      yesNo: planned.yesNo,
      low: low.result,
      high: high.result,
      dealSwing: pairedDealChange(low.aggregate, high.aggregate),
      breakdownChange: high.result.breakdown.share - low.result.breakdown.share,
      termChanges: terms.map((def, i) => {
        const a = low.result.terms[i].value;
        const b = high.result.terms[i].value;
        const change = a === null || b === null ? null : b - a;
        return { issue: def.issue, change, changeOfScale: change === null ? null : change / def.scale };
      }),
    });
  }
  // Largest swing first; equal swings in model order (the sort is stable).
  parameters.sort((a, b) => Math.abs(b.dealSwing.change) - Math.abs(a.dealSwing.change));
  const result: SensitivityResult = {
    analysis: 'sensitivity',
    scenario: { name: compiled.name, title: compiled.title },
    seed,
    runsPerArm: runs,
    quantiles,
    method: SENSITIVITY_METHOD,
    terms,
    baseline: { deal: baseline.outcomes.deal, breakdown: baseline.outcomes.breakdown, terms: keyTermValues(compiled, baseline, terms) },
    parameters,
    rankCorrelations: rankCorrelations(compiled, rows.columns()),
    headline: [],
  };
  result.headline = sensitivityHeadline(result);
  return { result, baseline };
}

/** How many drivers the first sentence names. */
const DRIVERS_NAMED = 3;

/** "(−31 points from its 10% to its 90% quantile)", "(+8 points from no to yes)", or just "(−12 points)". */
function swingInWords(p: SensitivityParameter, quantiles: SensitivityQuantiles, spelledOut: boolean): string {
  const level = (q: number) => `${Number((100 * q).toPrecision(6))}%`;
  const span = p.yesNo ? 'from no to yes' : spelledOut ? `from its ${level(quantiles.low)} to its ${level(quantiles.high)} quantile` : '';
  return `(${signedPoints(p.dealSwing.change)}${span === '' ? '' : ` ${span}`})`;
}

/** The top drivers in one sentence, the strongest rank correlation, and how it was run. */
export function sensitivityHeadline(result: SensitivityResult): string[] {
  const sentences: string[] = [];
  const { parameters } = result;
  if (parameters.length === 0) {
    return ['The model has no uncertain parameters: every run draws the same values, so there is nothing to swing or correlate.'];
  }
  // Name only swings whose interval excludes zero: the rest are within Monte Carlo error.
  const clear = parameters.filter((p) => p.dealSwing.low > 0 || p.dealSwing.high < 0).slice(0, DRIVERS_NAMED);
  if (clear.length === 0) {
    sentences.push(`No single assumption moves P(deal) beyond its Monte Carlo error; the largest swing is ${parameters[0].label} ${swingInWords(parameters[0], result.quantiles, true)}.`);
  } else {
    const [top, ...rest] = clear;
    const then = rest.map((p) => `, then ${p.label} ${swingInWords(p, result.quantiles, false)}`);
    sentences.push(`P(deal) moves most with ${top.label} ${swingInWords(top, result.quantiles, true)}${then.join('')}.`);
  }
  const rho = result.rankCorrelations.parameters
    .filter((p) => p.rho[0] !== null)
    .sort((a, b) => Math.abs(b.rho[0] ?? 0) - Math.abs(a.rho[0] ?? 0))[0];
  if (rho !== undefined && rho.rho[0] !== null) {
    sentences.push(`Across the ${result.rankCorrelations.runs.toLocaleString('en-US')} runs of the model as written, whether a deal is reached has its strongest rank correlation with ${rho.label} (Spearman's ρ = ${rho.rho[0].toFixed(2).replace('-', '−')}).`);
  }
  sentences.push(
    `Each of the ${2 * parameters.length} arms reruns the same ${result.runsPerArm.toLocaleString('en-US')} runs with the same seeds, one parameter pinned and every other drawn exactly as before (common random numbers); intervals are paired 95% intervals.`,
  );
  sentences.push(`The tables below are the model as written (nothing pinned), with the same seeds: P(deal) ${percent(result.baseline.deal.share)}.`);
  return sentences;
}
