/**
 * parley's programmatic API, `import … from 'parley'`: the pure core (core.ts, also
 * `parley/core`) plus what needs Node — model files, worker threads, drawing charts, run folders.
 * The CLI's commands call it; so do the tests and the benchmarks. README, "Use it from code".
 *
 *   const model = loadModel('models/ukraine-2025.yaml', { set: ['actors.russia.patience=0.9'] });
 *   const { summary } = await simulate(model.compiled, { seed: '1', runs: 10_000 });
 *   await writeRunFolder('runs/patient-russia', { scenario: model.scenario, summary, model });
 */
export * from './core.ts';

// Model files from disk.
export {
  readModel,
  loadModel,
  readAndPrepare,
  readScenarioFile,
  loadScenario,
  type Model,
  type ModelOptions,
  type ModelResult,
  type MechanismName,
} from './node/model-file.ts';

// Batches and analyses on worker threads.
export { simulate, simulate as simulateBatch, simulatesInThisThread, type SimulateOptions, type Simulated } from './node/simulate.ts';
export {
  planModelSweep,
  sweep,
  sensitivity,
  sensitivityBatches,
  type SensitivitySwings,
  type AnalysisOptions,
  type Analysed,
  type SweepPlanResult,
} from './node/analyses.ts';
export { runParallel, defaultWorkers, openWorkerPool, type WorkerPool, type ParallelOptions } from './parallel/run-parallel.ts';

// Charts drawn (Vega and resvg, loaded on first use) and run folders on disk.
export { renderChart, renderCharts, prepareChartDrawing, type DrawnChart, type RenderedChart } from './node/render-charts.ts';
export { buildReportHtml, buildPageHtml, htmlTable, type ReportChart } from './charts/report.ts';
export { RunFolder } from './node/run-folder.ts';
export { UsageError, LinesError } from './node/usage-error.ts';
export { EnvironmentError } from './node/environment-error.ts';
export { writeReport, writeChart, writeCharts, type ChartFiles } from './node/write-charts.ts';
export { writeAnalysisReport, type AnalysisOutputs } from './node/write-analysis.ts';
export { writeRunFolder, type RunFolderContents } from './node/write-run-folder.ts';
export { sha256 } from './node/sha256.ts';
export { PARLEY_VERSION, DEFAULT_MODEL } from './node/package-files.ts';

// Importing published negotiation data (BDM CSV, KTAB SMP CSV, decide): text → model.
export { importModel, isImportFormat, IMPORT_FORMATS, type ImportFormat, type ImportResult } from './import/import-model.ts';
export { formatImportProblem, type ImportProblem, type SpatialData } from './import/spatial-data.ts';
export type { ImportedModel, ImportedScenario, ImportOptions } from './import/to-scenario.ts';
// ANAC scenarios (GENIUS XML, GeniusWeb JSON) in and out: text → model, model → files.
export { importAnac, isAnacFormat, ANAC_FORMATS, type AnacImportResult } from './import/import-model.ts';
export type { AnacData, AnacFormat, TextFile } from './import/anac-data.ts';
export type { AnacModel, AnacImportOptions } from './import/anac-to-scenario.ts';
export { exportModel, EXPORT_FORMATS, type ExportResult } from './import/export-model.ts';
export type { WrittenFile } from './import/anac-writers.ts';
