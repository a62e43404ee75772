/**
 * parley's pure core, `import … from 'parley/core'`: model text → validated Scenario →
 * CompiledScenario → seeded runs → Aggregate → Summary → Vega-Lite chart specs, plus replays,
 * comparisons, sweeps and sensitivity analyses over any batch runner. Deterministic, no I/O, no
 * clock and no Node built-in, so a browser bundle takes it whole (test/e2e/browser-bundle.test.ts
 * checks that with esbuild). `parley` (index.ts) adds files, worker threads, rendering and folders.
 *
 *   const parsed = parseScenarioText(text, 'model.yaml');
 *   if (!parsed.ok) throw new ScenarioValidationError(parsed.problems);
 *   const { compiled } = prepareScenario(parsed.scenario);
 *   const summary = summarize(compiled, simulateInProcess(compiled, { seed: '1', runs: 2000 }), '1');
 *   const charts = buildCharts(chartBuilders, summary); // [{ name, title, description, spec }]
 */
import { compileScenario, countPackages, MAX_PACKAGES } from './negotiation/compile.ts';
import type { CompiledScenario } from './negotiation/compiled-scenario.ts';
import { parseScenarioText } from './scenario/load.ts';
import { parseOverrides, type Override } from './scenario/overrides.ts';
import { ScenarioValidationError, type ScenarioProblem } from './scenario/problems.ts';
import type { Rebalancing } from './scenario/rebalance.ts';
import type { MECHANISM_NAMES, Scenario } from './scenario/schema.ts';

// Model files: parsing, validation, --set overrides and variants, the JSON Schema.
export { parseScenarioText, validateScenario, type ParseResult } from './scenario/load.ts';
export {
  parseOverrides,
  parsePath as parseFieldPath,
  formatDistributionCall,
  DISTRIBUTIONS as DISTRIBUTION_CALLS,
  type Override,
} from './scenario/overrides.ts';
export { paramRangeAt, wordsAt, numberAt } from './scenario/schema-at.ts';
export { shellQuote } from './scenario/shell-quote.ts';
export type { ParamRange } from './scenario/param.ts';
export { describeRebalancing, type Rebalancing } from './scenario/rebalance.ts';
export { modelTables, type ModelTable, type ModelTableColumn, type Cell } from './scenario/model-tables.ts';
export { settablePaths, setText, type SettablePath } from './scenario/settable-paths.ts';
export { ScenarioValidationError, formatProblem, formatPath, type ScenarioProblem, type FieldPath } from './scenario/problems.ts';
export { MECHANISM_NAMES, TIME_UNITS, type Scenario } from './scenario/schema.ts';
export { scenarioJsonSchema } from './scenario/json-schema.ts';
export type { Distribution } from './scenario/param.ts';
export { distributionQuantile, betaQuantile } from './scenario/distribution-quantile.ts';
export { regularizedIncompleteBeta } from './scenario/incomplete-beta.ts';

// The outcome space and the negotiation.
export { compileScenario, describePackage, MAX_PACKAGES } from './negotiation/compile.ts';
export type { CompiledScenario } from './negotiation/compiled-scenario.ts';
export { STATUS_NAMES, type RunResult } from './negotiation/run-result.ts';

// Simulation: seeded runs, the mergeable aggregate, the summary, a replayed run, comparisons.
export { createRunContext, simulateRun, simulateRange, RunFailure, type RunContext } from './simulation/batch.ts';
export { simulateInProcess } from './simulation/in-process.ts';
export { rangeRuns, requestedRange, wholeBatch, type Batch, type BatchRange, type BatchRequest, type RunRange } from './simulation/run-range.ts';
export { createAggregate, mergeAggregates, type Aggregate } from './simulation/aggregate.ts';
export { planChunks, CHUNK_RUNS, type Chunk } from './simulation/chunks.ts';
export { aggregateToJson, aggregateFromJson } from './simulation/aggregate-json.ts';
export { summarize } from './simulation/summarize.ts';
export type { StoredSummary, Summary } from './simulation/summary-types.ts';
export { outcomeRows } from './simulation/outcome-rows.ts';
export type { Proportion } from './simulation/wilson.ts';
export { replayRun as replay, type Replay, type RoundRecord } from './simulation/replay.ts';
export { compareSummaries as compare, type Comparison, type Difference, type LabelledSummary } from './simulation/compare.ts';
export { parseShard, shardRange, type Shard } from './simulation/shards.ts';
export { runCsvHeader, runCsvRow } from './simulation/run-row.ts';

// Sweeps and sensitivity analyses: many batches of the same runs (common random numbers), pinned parameters.
export {
  parseSweepParam,
  gridValues,
  planSweep,
  runSweep,
  type SweepParam,
  type SweepAxis,
  type SweepPlan,
  type SweepResult,
  type SweepSetting,
  type CompileWithSettings,
} from './analysis/sweep.ts';
export {
  planSensitivity,
  runSensitivity,
  DEFAULT_QUANTILES,
  type SensitivityResult,
  type SensitivityParameter,
  type SensitivityQuantiles,
} from './analysis/sensitivity.ts';
export { withPins, findSlot, type Pin } from './analysis/pins.ts';
export { pairedDealChange, type PairedChange } from './analysis/paired-difference.ts';
export { rankCorrelations, spearman, type RankCorrelations } from './analysis/rank-correlation.ts';
export { keyTermDefinitions, keyTermValues, type KeyTermDefinition, type KeyTermValue } from './analysis/key-terms.ts';
export type { BatchRunner, AnalysisBatch } from './analysis/batch-runner.ts';

// Chart specs (Vega-Lite, data inlined): a batch's, a comparison's, a sweep's, a sensitivity analysis's, a replay's.
export { chartBuilders } from './charts/index.ts';
export { comparisonChartBuilders, OUTCOME_LABELS as COMPARED_OUTCOME_LABELS } from './charts/compare-charts.ts';
export { sweepChartBuilders, sensitivityChartBuilders } from './charts/analysis-charts.ts';
export { buildCharts, type ChartBuilder } from './charts/chart-builder.ts';
export { concessionPathsSpec } from './charts/concession-paths.ts';

export type PrepareResult = { ok: true; compiled: CompiledScenario } | { ok: false; problems: ScenarioProblem[] };

/**
 * Compiles a validated scenario, or returns the problems that only show once the outcome space
 * is built (too many packages, every package infeasible) as values, like the file's own.
 */
export function tryPrepareScenario(scenario: Scenario, file: string): PrepareResult {
  const total = countPackages(scenario);
  if (total > MAX_PACKAGES) {
    return {
      ok: false,
      problems: [{ file, path: ['issues'], message: `expected at most ${MAX_PACKAGES} packages (the product of the issues' option counts), got ${total}` }],
    };
  }
  const compiled = compileScenario(scenario);
  if (compiled.packageCount === 0) {
    return {
      ok: false,
      problems: [{ file, path: ['infeasible'], message: 'expected at least one feasible package, but the infeasible combinations exclude every package' }],
    };
  }
  return { ok: true, compiled };
}

/** Compiles a validated scenario, or throws ScenarioValidationError if its outcome space is unusable. */
export function prepareScenario(scenario: Scenario, file = '(scenario)'): { scenario: Scenario; compiled: CompiledScenario } {
  const prepared = tryPrepareScenario(scenario, file);
  if (!prepared.ok) throw new ScenarioValidationError(prepared.problems);
  return { scenario, compiled: prepared.compiled };
}

export interface ModelTextOptions {
  /** Field changes as `parley run --set` takes them (`actors.russia.patience=0.9`), applied after the variant. */
  set?: readonly string[];
  /** The named variant of the model's `variants:` section, applied first. */
  variant?: string;
  /** Play under this mechanism instead of the model's negotiation.protocol (an override before `set`). */
  mechanism?: (typeof MECHANISM_NAMES)[number];
}

export type ModelTextResult =
  | {
      ok: true;
      scenario: Scenario;
      compiled: CompiledScenario;
      /** The mechanism and `set` as overrides, in the order they apply (after the variant). */
      overrides: Override[];
      /** Issue weights `~=` rescaled (empty without). */
      rebalanced: Rebalancing[];
      /** The document with the variant, the overrides and the rescaling applied, before validation's defaults. */
      raw: unknown;
    }
  | { ok: false; problems: ScenarioProblem[] };

/**
 * A model's text with a variant, `--set` overrides and a mechanism, validated and compiled: what
 * `parley run` does to a model file once it is read (node/model-file.ts), and what the explorer
 * does in the page. Every problem, a malformed `--set` included, comes back as a value.
 */
export function prepareModelText(text: string, file: string, options: ModelTextOptions = {}): ModelTextResult {
  const texts = [...(options.mechanism === undefined ? [] : [`negotiation.protocol=${options.mechanism}`]), ...(options.set ?? [])];
  const overrides = parseOverrides(texts);
  if (typeof overrides === 'string') {
    // "--set TEXT: what is wrong" → the flag as the problem's source.
    const colon = overrides.indexOf(': ');
    return { ok: false, problems: [{ file: overrides.slice(0, colon), path: [], message: overrides.slice(colon + 2) }] };
  }
  const parsed = parseScenarioText(text, file, overrides, options.variant);
  if (!parsed.ok) return parsed;
  const prepared = tryPrepareScenario(parsed.scenario, file);
  if (!prepared.ok) return prepared;
  return { ok: true, scenario: parsed.scenario, compiled: prepared.compiled, overrides, rebalanced: parsed.rebalanced ?? [], raw: parsed.raw };
}
