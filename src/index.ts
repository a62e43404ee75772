/**
 * parley's programmatic API: what the CLI, the tests and the benchmarks share.
 *
 *   const { compiled } = prepareScenario(loadScenario('models/ukraine-2025.yaml'));
 *   const { summary } = await simulateBatch(compiled, { seed: '1', runs: 10_000 });
 */
import { compileScenario, countPackages, MAX_PACKAGES } from './negotiation/compile.ts';
import { readScenarioFile } from './scenario/load.ts';
import type { Override } from './scenario/overrides.ts';
export { parseOverrides, type Override } from './scenario/overrides.ts';
import type { Rebalancing } from './scenario/rebalance.ts';
export { describeRebalancing, type Rebalancing } from './scenario/rebalance.ts';
export { modelTables, type ModelTable, type ModelTableColumn, type Cell } from './scenario/model-tables.ts';
export { settablePaths, type SettablePath } from './scenario/settable-paths.ts';
import type { CompiledScenario } from './negotiation/compiled-scenario.ts';
import type { Scenario } from './scenario/schema.ts';
import { ScenarioValidationError, type ScenarioProblem } from './scenario/problems.ts';
import type { Aggregate } from './simulation/aggregate.ts';
import { simulateInProcess } from './simulation/in-process.ts';
import { summarize } from './simulation/summarize.ts';
import type { Summary } from './simulation/summary-types.ts';
import { runParallel, type ParallelOptions, type WorkerPool } from './parallel/run-parallel.ts';

export { loadScenario, readScenarioFile, parseScenarioText, validateScenario } from './scenario/load.ts';
export { compileScenario } from './negotiation/compile.ts';
export { ScenarioValidationError, formatProblem } from './scenario/problems.ts';
export type { ScenarioProblem } from './scenario/problems.ts';
export type { Scenario } from './scenario/schema.ts';
export type { CompiledScenario } from './negotiation/compiled-scenario.ts';
export type { Summary } from './simulation/summary-types.ts';
export type { Aggregate } from './simulation/aggregate.ts';
export { createRunContext, simulateRun, simulateRange, RunFailure } from './simulation/batch.ts';
export { summarize } from './simulation/summarize.ts';
export { simulateInProcess } from './simulation/in-process.ts';
export { runParallel, defaultWorkers, openWorkerPool, type WorkerPool, type PoolBatchOptions } from './parallel/run-parallel.ts';

export type PrepareResult = { ok: true; compiled: CompiledScenario } | { ok: false; problems: ScenarioProblem[] };

/**
 * Compiles a validated scenario, or returns the problems that only show once the outcome space
 * is built (too many packages, every package infeasible) as values, like the file's own.
 */
export function tryPrepareScenario(scenario: Scenario, file: string): PrepareResult {
  const total = countPackages(scenario);
  if (total > MAX_PACKAGES) {
    return { ok: false, problems: [{ file, path: ['issues'], message: `expected at most ${MAX_PACKAGES} packages (the product of the issues' option counts), got ${total}` }] };
  }
  const compiled = compileScenario(scenario);
  if (compiled.packageCount === 0) {
    return { ok: false, problems: [{ file, path: ['infeasible'], message: 'expected at least one feasible package, but the infeasible combinations exclude every package' }] };
  }
  return { ok: true, compiled };
}

/** Compiles a validated scenario, or throws ScenarioValidationError if its outcome space is unusable. */
export function prepareScenario(scenario: Scenario, file = '(scenario)'): { scenario: Scenario; compiled: CompiledScenario } {
  const prepared = tryPrepareScenario(scenario, file);
  if (!prepared.ok) throw new ScenarioValidationError(prepared.problems);
  return { scenario, compiled: prepared.compiled };
}

/** Reads, validates and compiles a model file; every problem comes back as a value. */
export function readAndPrepare(
  file: string,
  overrides: readonly Override[] = [],
  variant?: string,
): { ok: true; scenario: Scenario; compiled: CompiledScenario; text: string; rebalanced: Rebalancing[] } | { ok: false; problems: ScenarioProblem[] } {
  const loaded = readScenarioFile(file, overrides, variant);
  if (!loaded.ok) return loaded;
  const prepared = tryPrepareScenario(loaded.scenario, file);
  if (!prepared.ok) return prepared;
  return { ok: true, scenario: loaded.scenario, compiled: prepared.compiled, text: loaded.text ?? '', rebalanced: loaded.rebalanced ?? [] };
}

export interface BatchOptions extends ParallelOptions {
  /** Run in this thread instead of worker threads (the kernel alone; used by tests and benchmarks). */
  inProcess?: boolean;
  /** Run on this open worker pool (its size, not `workers`, decides the threads) instead of a pool of its own. */
  pool?: WorkerPool;
}

/** Simulates a batch and summarizes it. */
export async function simulateBatch(compiled: CompiledScenario, options: BatchOptions): Promise<{ aggregate: Aggregate; summary: Summary }> {
  const aggregate = options.inProcess
    ? simulateInProcess(compiled, options)
    : options.pool
      ? await options.pool.run(compiled, options)
      : await runParallel(compiled, options);
  return { aggregate, summary: summarize(compiled, aggregate, options.seed) };
}

// Importing published negotiation data (BDM CSV, KTAB SMP CSV, decide): text → model, pure.
export { importModel, isImportFormat, IMPORT_FORMATS, type ImportFormat, type ImportResult } from './import/import-model.ts';
export { formatImportProblem, type ImportProblem, type SpatialData } from './import/spatial-data.ts';
export type { ImportedModel, ImportedScenario, ImportOptions } from './import/to-scenario.ts';
export { importAnac, isAnacFormat, ANAC_FORMATS, type AnacImportResult } from './import/import-model.ts';
export type { AnacData, AnacFormat, TextFile } from './import/anac-data.ts';
export type { AnacModel, AnacImportOptions } from './import/anac-to-scenario.ts';
export { exportModel, EXPORT_FORMATS, type ExportResult } from './import/export-model.ts';
export type { WrittenFile } from './import/anac-writers.ts';

// Sweeps and sensitivity analyses: many batches of the same runs (common random numbers), pinned parameters.
export { parseSweepParam, gridValues, planSweep, runSweep, type SweepParam, type SweepAxis, type SweepPlan, type SweepResult, type SweepSetting, type CompileWithSettings } from './analysis/sweep.ts';
export { planSensitivity, runSensitivity, DEFAULT_QUANTILES, type SensitivityResult, type SensitivityParameter, type SensitivityQuantiles } from './analysis/sensitivity.ts';
export { withPins, findSlot, type Pin } from './analysis/pins.ts';
export { pairedDealChange, type PairedChange } from './analysis/paired-difference.ts';
export { rankCorrelations, spearman, type RankCorrelations } from './analysis/rank-correlation.ts';
export { keyTermDefinitions, keyTermValues, type KeyTermDefinition, type KeyTermValue } from './analysis/key-terms.ts';
export type { BatchRunner, AnalysisBatch } from './analysis/batch-runner.ts';
export { distributionQuantile, betaQuantile } from './scenario/distribution-quantile.ts';
export { regularizedIncompleteBeta } from './scenario/incomplete-beta.ts';
