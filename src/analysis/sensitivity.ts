/**
 * `parley sensitivity`: which assumptions move the result.
 *
 * One-at-a-time swings (a tornado): for every uncertain parameter, the batch is run twice with the
 * parameter pinned (pins.ts) — at its low and at its high quantile (default 10% and 90%; a yes/no
 * fact at "no" and "yes") — while every other parameter is drawn as usual. A choice between
 * alternatives (a concession style, a strategy, the deadline, the mechanism, the proposer order:
 * structural uncertainty) is run once at each alternative, and its two arms are the alternatives
 * with the lowest and highest P(deal). With `fixed` (`--fixed 20%`), every fixed number of the
 * model is swung too, to its value ± that share (kept inside the values the field allows; whole
 * rounds for the deadline; zeros left out, as they mostly mean "absent"), so the tornado shows the
 * deadline and other fixed assumptions beside the uncertain ones. All arms use the same seeds, so
 * run i of one arm is paired with run i of another (common random numbers) and the swing in
 * P(deal) is estimated with a paired error (paired-difference.ts). The change in each key term
 * (key-terms.ts) is reported too.
 *
 * Rank correlations (global, from one batch): Spearman's ρ between each sampled parameter and each
 * outcome of the baseline batch — the model as written, with the same seeds (rank-correlation.ts).
 *
 * Pure apart from the batches it asks `simulate` for.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { distributionQuantile } from '../scenario/distribution-quantile.ts';
import { choiceAlternatives } from '../scenario/distribution-math.ts';
import { basisOf } from '../simulation/summarize.ts';
import type { MasterSeed } from '../simulation/seeding.ts';
import { summarize } from '../simulation/summarize.ts';
import type { Proportion, Summary } from '../simulation/summary-types.ts';
import { percent, signedPoints, thousands } from '../format/numbers.ts';
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

/** What a swing varies: an uncertain parameter between quantiles, a choice between its alternatives, or a fixed number by ± a share. */
export type SwingKind = 'uncertain' | 'choice' | 'fixed';

export interface PlannedParameter {
  slot: number;
  parameter: string;
  label: string;
  kind: SwingKind;
  yesNo: boolean;
  /** The arms, in order: low then high; for a choice one per alternative. */
  arms: SensitivityArm[];
}

/** Whether fixed parameter k is swung by --fixed: a fixed number other than 0, or a fixed deadline; not a structural index. */
function swingsWhenFixed(compiled: CompiledScenario, k: number): boolean {
  const p = compiled.parameters[k];
  const d = p.distribution;
  if (p.uncertain || d.dist !== 'fixed' || d.value === 0) return false;
  return !p.structural || k === compiled.slots.deadline;
}

/** value × (1 ± share), inside the field's allowed values (whole numbers where it takes only those). */
function fixedArms(compiled: CompiledScenario, k: number, share: number): SensitivityArm[] {
  const { distribution, allowed } = compiled.parameters[k];
  const value = (distribution as { value: number }).value;
  const clamp = (x: number) => {
    const inside = Math.min(allowed.max, Math.max(allowed.min, x));
    return allowed.integer ? Math.round(inside) : inside;
  };
  const pct = `${Number((100 * share).toPrecision(6))}%`;
  return [
    { label: `−${pct}`, value: clamp(value * (1 - share)) },
    { label: `+${pct}`, value: clamp(value * (1 + share)) },
  ];
}

/**
 * The arms of every uncertain parameter, in model order (a choice: one per alternative), then with
 * `fixedShare` those of every fixed number (value ± that share).
 */
export function planSensitivity(compiled: CompiledScenario, quantiles: SensitivityQuantiles = DEFAULT_QUANTILES, fixedShare?: number): PlannedParameter[] {
  const name = (q: number) => `${Number((100 * q).toPrecision(6))}% quantile`;
  const planned: PlannedParameter[] = compiled.uncertainParameters.map((slot) => {
    const { path, label, distribution: d } = compiled.parameters[slot];
    if (d.dist === 'bernoulli') {
      return {
        slot,
        parameter: path,
        label,
        kind: 'uncertain',
        yesNo: true,
        arms: [
          { label: 'no', value: d.ifFalse },
          { label: 'yes', value: d.ifTrue },
        ],
      };
    }
    if (d.dist === 'choice') {
      const { names, values } = choiceAlternatives(d);
      return { slot, parameter: path, label, kind: 'choice', yesNo: false, arms: names.map((n, k) => ({ label: n, value: values[k] })) };
    }
    return {
      slot,
      parameter: path,
      label,
      kind: 'uncertain',
      yesNo: false,
      arms: [
        { label: name(quantiles.low), value: distributionQuantile(d, quantiles.low) },
        { label: name(quantiles.high), value: distributionQuantile(d, quantiles.high) },
      ],
    };
  });
  if (fixedShare !== undefined) {
    compiled.parameters.forEach((p, k) => {
      if (!swingsWhenFixed(compiled, k)) return;
      const arms = fixedArms(compiled, k, fixedShare);
      if (arms[0].value === arms[1].value) return; // pinned at a bound of its range either way
      planned.push({ slot: k, parameter: p.path, label: p.label, kind: 'fixed', yesNo: false, arms });
    });
  }
  return planned;
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
  /** An uncertain parameter (swung between quantiles), a choice (its alternatives), or a fixed number (± a share). */
  kind: SwingKind;
  /** "evidence" when its source cites the article (¶), else "assumption". */
  basis: 'evidence' | 'assumption';
  yesNo: boolean;
  /** The arm with the lower and the higher value (for a choice: the alternatives with the lowest and the highest P(deal)). */
  low: ArmResult;
  high: ArmResult;
  /** A choice: every alternative's arm, in the model's order. */
  alternatives?: ArmResult[];
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
  /** The share fixed numbers were swung by (`--fixed`), or null when they were not. */
  fixedShare: number | null;
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
  /** Also swing every fixed number by ± this share (e.g. 0.2). */
  fixedShare?: number;
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
  for (const planned of planSensitivity(compiled, quantiles, options.fixedShare)) {
    const arm = async (at: SensitivityArm) => {
      const pinned = withPins(compiled, [{ slot: planned.slot, value: at.value }]);
      const aggregate = await simulate(pinned, { seed, runs });
      const summary = summarize(pinned, aggregate, seed);
      const result: ArmResult = { ...at, deal: summary.outcomes.deal, breakdown: summary.outcomes.breakdown, terms: keyTermValues(pinned, summary, terms) };
      return { aggregate, result };
    };
    const arms = [];
    for (const at of planned.arms) arms.push(await arm(at));
    // A choice's two arms: the alternatives with the lowest and the highest P(deal) (the first of equals).
    const lowest = arms.reduce((a, b) => (b.result.deal.share < a.result.deal.share ? b : a));
    const highest = arms.reduce((a, b) => (b.result.deal.share > a.result.deal.share ? b : a));
    // A choice whose alternatives all give the same P(deal): its first and last alternatives.
    const [low, high] = planned.kind !== 'choice' ? [arms[0], arms[1]] : lowest === highest ? [arms[0], arms[arms.length - 1]] : [lowest, highest];
    const slot = compiled.parameters[planned.slot];
    parameters.push({
      parameter: planned.parameter,
      label: planned.label,
      distribution: baseline.assumptions.find((a) => a.parameter === planned.parameter)?.distribution ?? describeFixed(slot.distribution),
      kind: planned.kind,
      basis: basisOf(slot.source),
      yesNo: planned.yesNo,
      low: low.result,
      high: high.result,
      ...(planned.kind === 'choice' ? { alternatives: arms.map((a) => a.result) } : {}),
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
    fixedShare: options.fixedShare ?? null,
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

/** A fixed parameter in words: "fixed at 30". */
function describeFixed(d: { dist: string; value?: number }): string {
  return d.dist === 'fixed' && d.value !== undefined ? `fixed at ${d.value}` : '';
}

/** How many drivers the first sentence names. */
const DRIVERS_NAMED = 3;

/** "(−31 points from its 10% to its 90% quantile)", "(+8 points from no to yes)", or just "(−12 points)". */
function swingInWords(p: SensitivityParameter, quantiles: SensitivityQuantiles, spelledOut: boolean): string {
  const level = (q: number) => `${Number((100 * q).toPrecision(6))}%`;
  const span = p.yesNo
    ? 'from no to yes'
    : p.kind === 'choice'
      ? `from ${p.low.label} to ${p.high.label}`
      : p.kind === 'fixed'
        ? `from ${p.low.label} to ${p.high.label} of its value`
        : spelledOut
          ? `from its ${level(quantiles.low)} to its ${level(quantiles.high)} quantile`
          : '';
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
    sentences.push(
      `No single assumption moves P(deal) beyond its Monte Carlo error; the largest swing is ${parameters[0].label} ${swingInWords(parameters[0], result.quantiles, true)}.`,
    );
  } else {
    const [top, ...rest] = clear;
    const then = rest.map((p) => `, then ${p.label} ${swingInWords(p, result.quantiles, false)}`);
    sentences.push(`P(deal) moves most with ${top.label} ${swingInWords(top, result.quantiles, true)}${then.join('')}.`);
    // Say so when the answer rests on an assumption (a structural choice or a number no source backs).
    if (top.basis === 'assumption' || top.kind === 'choice') {
      const second = clear.at(1);
      const dominant = second === undefined || Math.abs(top.dealSwing.change) >= 2 * Math.abs(second.dealSwing.change);
      sentences.push(
        `${top.label} is ${top.kind === 'choice' ? 'a structural choice of the model' : 'an assumption'} (${top.parameter}${top.basis === 'evidence' ? ', with a source in the article' : ', no source in the article'})` +
          (dominant ? ': the answer rests mostly on it.' : '.'),
      );
    }
  }
  const rho = result.rankCorrelations.parameters
    .filter((p) => p.rho[0] !== null)
    .sort((a, b) => Math.abs(b.rho[0] ?? 0) - Math.abs(a.rho[0] ?? 0))
    .at(0);
  if (rho !== undefined && rho.rho[0] !== null) {
    sentences.push(
      `Across the ${thousands(result.rankCorrelations.runs)} runs of the model as written, whether a deal is reached has its strongest rank correlation with ${rho.label} (Spearman's ρ = ${rho.rho[0].toFixed(2).replace('-', '−')}).`,
    );
  }
  const armCount = parameters.reduce((n, p) => n + (p.alternatives?.length ?? 2), 0);
  sentences.push(
    `Each of the ${armCount} arms reruns the same ${thousands(result.runsPerArm)} runs with the same seeds, one parameter pinned and every other drawn exactly as before (common random numbers); intervals are paired 95% intervals.`,
  );
  sentences.push(`The tables below are the model as written (nothing pinned), with the same seeds: P(deal) ${percent(result.baseline.deal.share)}.`);
  return sentences;
}
