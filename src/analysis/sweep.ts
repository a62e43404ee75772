/**
 * `parley sweep`: P(deal), P(breakdown) and the key terms (key-terms.ts) over a grid of one or two
 * parameters, each grid point a batch of the same runs with the same seeds.
 *
 * A PATH that names a parameter slot of the model is pinned (pins.ts): every run still draws every
 * slot and then overwrites the pinned one, so the other parameters get identical draws at every
 * grid point — common random numbers, which make the curves smooth: neighbouring points differ by
 * the swept parameter's effect, not by fresh sampling noise. Any other numeric field (e.g.
 * negotiation.rounds) is changed as a `--set` override at each point and the model recompiled;
 * the runs keep their seeds (and their draws, as long as the list of parameters is unchanged).
 *
 * Pure apart from the batches it asks `simulate` for; compiling with overrides is passed in too.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { distributionMean } from '../scenario/distribution-math.ts';
import { summarize } from '../simulation/summarize.ts';
import type { Proportion, Summary } from '../simulation/summary-types.ts';
import type { MasterSeed } from '../simulation/seeding.ts';
import { listInWords, percent, short, thousands } from '../format/numbers.ts';
import type { BatchRunner } from './batch-runner.ts';
import { keyTermDefinitions, keyTermValues, type KeyTermDefinition, type KeyTermValue } from './key-terms.ts';
import { findSlot, normalizePath, withPins } from './pins.ts';

/** At most this many points per axis. */
export const MAX_SWEEP_STEPS = 1000;

/** One `--param PATH=FROM:TO:STEPS`. */
export interface SweepParam {
  path: string;
  from: number;
  to: number;
  steps: number;
  /** As written on the command line. */
  text: string;
}

/** Parses `PATH=FROM:TO:STEPS`; returns the parameter or what is wrong with it. */
export function parseSweepParam(text: string): SweepParam | string {
  const eq = text.indexOf('=');
  const bad = (why: string) => `--param ${text}: ${why}`;
  if (eq <= 0) return bad('expected PATH=FROM:TO:STEPS, e.g. actors.russia.reservation=0.4:0.7:7');
  const path = text.slice(0, eq).trim();
  if (!/^[\w-]+(\.[\w-]+|\[\d+\])*$/.test(path)) return bad(`expected a field path like actors.russia.reservation, got "${path}"`);
  const parts = text
    .slice(eq + 1)
    .split(':')
    .map((s) => s.trim());
  if (parts.length !== 3) return bad('expected PATH=FROM:TO:STEPS (three numbers after "=", separated by ":")');
  const [from, to] = parts.slice(0, 2).map(Number);
  if (parts[0] === '' || !Number.isFinite(from)) return bad(`expected a number for FROM, got "${parts[0]}"`);
  if (parts[1] === '' || !Number.isFinite(to)) return bad(`expected a number for TO, got "${parts[1]}"`);
  if (from === to) return bad(`expected FROM and TO to differ, got ${from} for both`);
  if (!/^\d+$/.test(parts[2])) return bad(`expected a whole number of STEPS, got "${parts[2]}"`);
  const steps = Number(parts[2]);
  if (steps < 2) return bad(`expected STEPS ≥ 2 (the grid includes FROM and TO), got ${steps}`);
  if (steps > MAX_SWEEP_STEPS) return bad(`expected STEPS ≤ ${MAX_SWEEP_STEPS}, got ${steps}`);
  return { path, from, to, steps, text };
}

/** STEPS evenly spaced values from FROM to TO, both included (rounded to 12 significant digits). */
export function gridValues(p: Pick<SweepParam, 'from' | 'to' | 'steps'>): number[] {
  return Array.from({ length: p.steps }, (_, k) => (k === p.steps - 1 ? p.to : Number((p.from + ((p.to - p.from) * k) / (p.steps - 1)).toPrecision(12))));
}

export interface SweepAxis {
  /** The field path (a slot's own spelling when pinned). */
  path: string;
  label: string;
  /** pin: a parameter slot pinned at each value (common random numbers); set: a --set override per value. */
  mode: 'pin' | 'set';
  values: number[];
  /** The model's own value: a pinned slot's mean, or the number in the file (null if none). */
  modelValue: number | null;
  /** A pinned slot's distribution in the model (e.g. "uniform(0.9, 0.99)"; known once the baseline ran), else null. */
  modelDistribution: string | null;
  /** The --param as written. */
  param: string;
}

/** A field the sweep changes at one grid point (set axes), and the --param that asked for it. */
export interface SweepSetting {
  path: string;
  value: number;
  param: SweepParam;
}

/** Validates and compiles the model with these overrides (on top of the user's --set and --variant). */
export type CompileWithSettings = (settings: readonly SweepSetting[]) => { ok: true; compiled: CompiledScenario } | { ok: false; problems: string[] };

export interface SweepGridPoint {
  /** One value per axis. */
  values: number[];
  compiled: CompiledScenario;
}

export interface SweepPlan {
  axes: SweepAxis[];
  points: SweepGridPoint[];
}

/** The number at `path` in a plain object (the scenario as read), or null. */
function numberAt(root: unknown, path: string): number | null {
  let node: unknown = root;
  for (const key of normalizePath(path).split('.')) {
    if (node === null || typeof node !== 'object') return null;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'number' ? node : null;
}

/**
 * Checks the parameters and builds every grid point's compiled scenario, or returns every problem:
 * an unknown path, a value outside the field's allowed range (the model's own validation, through
 * the same override machinery as --set), two --param on one path, more than two.
 */
export function planSweep(
  base: CompiledScenario,
  scenario: unknown,
  params: readonly SweepParam[],
  compileWith: CompileWithSettings,
): { ok: true; plan: SweepPlan } | { ok: false; problems: string[] } {
  if (params.length === 0) return { ok: false, problems: ['--param: expected one or two PATH=FROM:TO:STEPS'] };
  if (params.length > 2) return { ok: false, problems: [`--param: expected one or two (a curve or a heatmap), got ${params.length}`] };
  if (params.length === 2 && normalizePath(params[0].path) === normalizePath(params[1].path)) {
    return { ok: false, problems: [`--param: ${params[0].path} is given twice; sweep two different fields`] };
  }
  const problems: string[] = [];
  const axes: SweepAxis[] = params.map((p) => {
    // Structural fields (deadline, mechanism, …) shape the arrays a run uses: they are set and recompiled, never pinned.
    const found = findSlot(base, p.path);
    const slot = found >= 0 && base.parameters[found].structural ? -1 : found;
    const values = gridValues(p);
    // Every value goes through the model's validation; for a pinned slot its ends suffice (ranges are intervals).
    const checked = slot >= 0 ? [p.from, p.to] : values;
    for (const value of checked) {
      const result = compileWith([{ path: p.path, value, param: p }]);
      if (!result.ok) {
        // The first value that fails says what is wrong; the others would mostly repeat it.
        problems.push(...result.problems);
        break;
      }
    }
    if (slot >= 0) {
      const parameter = base.parameters[slot];
      const d = parameter.distribution;
      return {
        path: parameter.path,
        label: parameter.label,
        mode: 'pin' as const,
        values,
        modelValue: distributionMean(d),
        // Filled in from the baseline summary's description of the uncertain parameters.
        modelDistribution: parameter.uncertain ? null : `fixed at ${short(distributionMean(d))}`,
        param: p.text,
      };
    }
    return { path: p.path, label: p.path, mode: 'set' as const, values, modelValue: numberAt(scenario, p.path), modelDistribution: null, param: p.text };
  });
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };

  const grid: number[][] = axes.length === 1 ? axes[0].values.map((v) => [v]) : axes[0].values.flatMap((v0) => axes[1].values.map((v1) => [v0, v1]));
  const points: SweepGridPoint[] = [];
  for (const values of grid) {
    let compiled = base;
    const settings = axes.flatMap((axis, a) => (axis.mode === 'set' ? [{ path: axis.path, value: values[a], param: params[a] }] : []));
    if (settings.length > 0) {
      const result = compileWith(settings);
      if (!result.ok) {
        problems.push(...result.problems);
        continue;
      }
      compiled = result.compiled;
    }
    const pinAxes = axes.filter((axis) => axis.mode === 'pin');
    const pins = axes.flatMap((axis, a) => (axis.mode === 'pin' ? [{ slot: findSlot(compiled, axis.path), value: values[a] }] : []));
    const lost = pinAxes.find((_, k) => pins[k].slot < 0);
    if (lost !== undefined) {
      problems.push(`--param ${lost.param}: ${lost.path} is no longer a parameter of the model once the other --param changes it`);
      continue;
    }
    points.push({ values, compiled: pins.length > 0 ? withPins(compiled, pins) : compiled });
  }
  if (problems.length > 0) return { ok: false, problems: [...new Set(problems)] };
  return { ok: true, plan: { axes, points } };
}

export interface BatchOutcomes {
  deal: Proportion;
  breakdown: Proportion;
  deadline: Proportion;
}

export interface SweepPointResult {
  /** One value per axis. */
  values: number[];
  outcomes: BatchOutcomes;
  meanRoundsToDeal: number | null;
  terms: KeyTermValue[];
}

export interface SweepResult {
  analysis: 'sweep';
  scenario: { name: string; title: string };
  seed: MasterSeed;
  runsPerPoint: number;
  /** How the grid points share their randomness, in words. */
  commonRandomNumbers: string;
  axes: SweepAxis[];
  /** What each key term measures. */
  terms: KeyTermDefinition[];
  /** The model as written (nothing pinned or set by the sweep), with the same seeds. */
  baseline: { outcomes: BatchOutcomes; terms: KeyTermValue[] };
  /** Grid points; with two axes the second varies fastest. */
  points: SweepPointResult[];
  headline: string[];
}

export interface SweepOptions {
  seed: MasterSeed;
  runs: number;
  simulate: BatchRunner;
}

function outcomesOf(summary: Summary): BatchOutcomes {
  return { deal: summary.outcomes.deal, breakdown: summary.outcomes.breakdown, deadline: summary.outcomes.deadline };
}

/** Runs the baseline and every grid point; returns the numbers and the baseline's summary (for the report's tables). */
export async function runSweep(base: CompiledScenario, plan: SweepPlan, options: SweepOptions): Promise<{ result: SweepResult; baseline: Summary }> {
  const { seed, runs, simulate } = options;
  const baseline = summarize(base, await simulate(base, { seed, runs }), seed);
  const terms = keyTermDefinitions(base, baseline);
  const points: SweepPointResult[] = [];
  for (const point of plan.points) {
    const summary = summarize(point.compiled, await simulate(point.compiled, { seed, runs }), seed);
    points.push({
      values: point.values,
      outcomes: outcomesOf(summary),
      meanRoundsToDeal: summary.roundsToDeal.mean,
      terms: keyTermValues(point.compiled, summary, terms),
    });
  }
  const pinnedOnly = plan.axes.every((a) => a.mode === 'pin');
  const commonRandomNumbers =
    `Every grid point simulates the same ${thousands(runs)} runs with the same seeds ("${seed}/<run index>")` +
    (pinnedOnly
      ? ' and, with the swept parameter pinned after every slot is drawn, the identical draws of every other parameter.'
      : '; a swept field that is not a parameter is set in the model, which keeps the draws as long as the list of parameters is unchanged.');
  const result: SweepResult = {
    analysis: 'sweep',
    scenario: { name: base.name, title: base.title },
    seed,
    runsPerPoint: runs,
    commonRandomNumbers,
    axes: plan.axes.map((axis) => ({
      ...axis,
      modelDistribution: axis.modelDistribution ?? baseline.assumptions.find((a) => a.parameter === axis.path)?.distribution ?? null,
    })),
    terms,
    baseline: { outcomes: outcomesOf(baseline), terms: keyTermValues(base, baseline, terms) },
    points,
    headline: [],
  };
  result.headline = sweepHeadline(result);
  return { result, baseline };
}

function at(axes: readonly SweepAxis[], values: readonly number[]): string {
  return listInWords(axes.map((axis, a) => `${axis.label} = ${short(values[a])}`));
}

/** Two to four sentences: how P(deal) (and P(breakdown)) move over the grid, and how it was run. */
export function sweepHeadline(result: SweepResult): string[] {
  const { axes, points } = result;
  if (points.length === 0) return [];
  const sentences: string[] = [];
  const byDeal = [...points].sort((a, b) => b.outcomes.deal.share - a.outcomes.deal.share);
  const highest = byDeal[0];
  const lowest = byDeal[byDeal.length - 1];
  if (axes.length === 1) {
    const first = points[0];
    const last = points[points.length - 1];
    const axis = axes[0];
    let sentence = `P(deal) goes from ${percent(first.outcomes.deal.share)} at ${axis.label} = ${short(first.values[0])} to ${percent(last.outcomes.deal.share)} at ${short(last.values[0])}`;
    const interior = [highest, lowest].filter(
      (p) =>
        p !== first &&
        p !== last &&
        (p === highest
          ? p.outcomes.deal.share > Math.max(first.outcomes.deal.share, last.outcomes.deal.share)
          : p.outcomes.deal.share < Math.min(first.outcomes.deal.share, last.outcomes.deal.share)),
    );
    if (interior.length > 0)
      sentence += ` (${interior.map((p) => `${p === highest ? 'highest' : 'lowest'} ${percent(p.outcomes.deal.share)} at ${short(p.values[0])}`).join('; ')})`;
    sentences.push(`${sentence}; P(breakdown) from ${percent(first.outcomes.breakdown.share)} to ${percent(last.outcomes.breakdown.share)}.`);
  } else {
    sentences.push(
      `P(deal) is highest, ${percent(highest.outcomes.deal.share)}, at ${at(axes, highest.values)}, and lowest, ${percent(lowest.outcomes.deal.share)}, at ${at(axes, lowest.values)}.`,
    );
  }
  const intervals = axes.length === 1 ? "each band is that point's own 95% Wilson interval" : "each cell's 95% Wilson interval is in its tooltip";
  sentences.push(
    `${result.commonRandomNumbers} So neighbouring points differ by the swept values' effect, not by fresh sampling noise, and the curves are smooth; ${intervals}.`,
  );
  sentences.push(`The tables below are the model as written (nothing swept) with the same seeds: P(deal) ${percent(result.baseline.outcomes.deal.share)}.`);
  return sentences;
}
