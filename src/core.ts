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

// A model's text (or a validated scenario) to a compiled one, every problem a value.
export {
  prepareModelText,
  tryPrepareScenario,
  prepareScenario,
  type PrepareResult,
  type ModelTextOptions,
  type ModelTextResult,
} from './negotiation/prepare-model.ts';

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
