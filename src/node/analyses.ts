/**
 * Sweeps and sensitivity analyses of a model file, every batch on one set of worker threads (or in
 * this thread): the planning and the numbers are the pure src/analysis/ code; this file adds the
 * model's text for recompiling a swept field, the worker pool, and progress over all the batches.
 */
import { tryPrepareScenario } from '../negotiation/prepare-model.ts';
import type { BatchRunner } from '../analysis/batch-runner.ts';
import { planSensitivity, runSensitivity, type SensitivityQuantiles, type SensitivityResult } from '../analysis/sensitivity.ts';
import { parseSweepParam, planSweep, runSweep, type CompileWithSettings, type SweepParam, type SweepPlan, type SweepResult } from '../analysis/sweep.ts';
import { defaultWorkers, openWorkerPool, type WorkerPool } from '../parallel/worker-pool.ts';
import { parseScenarioText } from '../scenario/load.ts';
import { parseOverrides, type Override } from '../scenario/overrides.ts';
import { formatProblem } from '../scenario/problems.ts';
import { simulateInProcess } from '../simulation/in-process.ts';
import type { Summary } from '../simulation/summary-types.ts';
import type { Model } from './model-file.ts';

export interface AnalysisOptions {
  /** Every batch simulates runs 0 … runs−1 seeded "seed/<run index>" (common random numbers). */
  seed: string;
  /** Runs per batch. */
  runs: number;
  /** Worker threads (default: the number of cores), started once for all the batches. */
  workers?: number;
  /** An open worker pool to use instead (its size decides the threads; it stays open). */
  pool?: WorkerPool;
  /** Every batch in this thread instead of worker threads. */
  inProcess?: boolean;
  /** Called as runs complete, with the runs done over all the batches so far. */
  onProgress?: (runsDone: number) => void;
}

export interface Analysed<R> {
  result: R;
  /** The model as written, the same runs: the report's tables. */
  baseline: Summary;
}

/** Runs `analyse` with a batch runner over one pool (or this thread) that counts progress over every batch. */
async function withBatches<R>(options: AnalysisOptions, analyse: (simulate: BatchRunner) => Promise<R>): Promise<R> {
  let finished = 0;
  const counted = (done: number) => options.onProgress?.(finished + done);
  if (options.inProcess) {
    return analyse((compiled, batch) => {
      const aggregate = simulateInProcess(compiled, { ...batch, onProgress: counted });
      finished += batch.runs;
      return aggregate;
    });
  }
  const pool = options.pool ?? openWorkerPool(options.workers ?? defaultWorkers());
  try {
    return await analyse(async (compiled, batch) => {
      const aggregate = await pool.run(compiled, { ...batch, onProgress: counted });
      finished += batch.runs;
      return aggregate;
    });
  } finally {
    if (options.pool === undefined) await pool.close();
  }
}

/** Compiles the model's text with its own overrides plus the sweep's settings; problems name the `--param`. */
function compilerFor(model: Model, overrides: readonly Override[]): CompileWithSettings {
  return (settings) => {
    const extra: Override[] = [];
    const sources = new Map<string, string>();
    for (const s of settings) {
      const text = `${s.path}=${s.value}`;
      const parsed = parseOverrides([text]);
      if (typeof parsed === 'string') return { ok: false, problems: [`--param ${s.param.text}: ${parsed.replace(/^--set:?\s*/, '')}`] };
      extra.push(...parsed);
      sources.set(`--set ${text}`, `--param ${s.param.text} (at ${s.value})`);
    }
    const parsed = parseScenarioText(model.text, model.file, [...overrides, ...extra], model.variant);
    const result = parsed.ok ? tryPrepareScenario(parsed.scenario, model.file) : parsed;
    if (result.ok) return { ok: true, compiled: result.compiled };
    return { ok: false, problems: result.problems.map((p) => formatProblem({ ...p, file: sources.get(p.file) ?? p.file })) };
  };
}

export type SweepPlanResult = { ok: true; plan: SweepPlan; params: SweepParam[] } | { ok: false; problems: string[] };

/**
 * The grid of a sweep over one parameter (curves) or two (heatmaps), each `PATH=FROM:TO:STEPS`,
 * every value checked by the model's own validation; or every problem, each naming its `--param`.
 */
export function planModelSweep(model: Model, params: readonly string[]): SweepPlanResult {
  const parsed: SweepParam[] = [];
  const problems: string[] = [];
  for (const text of params) {
    const p = parseSweepParam(text);
    if (typeof p === 'string') problems.push(p);
    else parsed.push(p);
  }
  if (problems.length > 0) return { ok: false, problems };
  const planned = planSweep(model.compiled, model.scenario, parsed, compilerFor(model, model.overrides));
  return planned.ok ? { ok: true, plan: planned.plan, params: parsed } : planned;
}

/** Simulates the model as written and every grid point, the same runs at each (src/analysis/sweep.ts). */
export function sweep(model: Model, plan: SweepPlan, options: AnalysisOptions): Promise<Analysed<SweepResult>> {
  return withBatches(options, (simulate) => runSweep(model.compiled, plan, { seed: options.seed, runs: options.runs, simulate }));
}

/** What a sensitivity analysis swings: the quantiles of every uncertain parameter, and with `fixedShare` every fixed number by ± that share. */
export interface SensitivitySwings {
  quantiles?: SensitivityQuantiles;
  /** Also swing every fixed number by ± this share (e.g. 0.2 for ±20%). */
  fixedShare?: number;
}

/**
 * The batches a sensitivity analysis of the model simulates — the baseline, two arms per uncertain
 * number, one per alternative of a choice, two per fixed number with `fixedShare` — and how many
 * parameters of each kind are swung.
 */
export function sensitivityBatches(model: Model, swings: SensitivitySwings = {}): { batches: number; swung: Record<'uncertain' | 'choice' | 'fixed', number> } {
  const plan = planSensitivity(model.compiled, swings.quantiles, swings.fixedShare);
  const swung = { uncertain: 0, choice: 0, fixed: 0 };
  for (const p of plan) swung[p.kind]++;
  return { batches: 1 + plan.reduce((n, p) => n + p.arms.length, 0), swung };
}

/**
 * Swings every uncertain parameter from its low to its high quantile (every alternative of a
 * choice; with `fixedShare`, every fixed number by ± that share), the same runs in every arm, and
 * rank-correlates parameters with outcomes over the baseline batch (src/analysis/sensitivity.ts).
 */
export function sensitivity(model: Model, options: AnalysisOptions & SensitivitySwings): Promise<Analysed<SensitivityResult>> {
  return withBatches(options, (simulate) =>
    runSensitivity(model.compiled, { seed: options.seed, runs: options.runs, quantiles: options.quantiles, fixedShare: options.fixedShare, simulate }),
  );
}
