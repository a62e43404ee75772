/**
 * The CLI side of an analysis (sweep, sensitivity): all its batches on one worker pool (its workers
 * started once, by the API), one progress display over all of them (on stderr), and the folder it
 * writes — result JSON, charts, report.html, manifest.json.
 */
import { join, relative } from 'node:path';
import { defaultWorkers, prepareChartDrawing, RunFailure, writeAnalysisReport, type AnalysisOptions, type Analysed, type ReportChart } from '../index.ts';
import type { LoadedModel } from './load-model.ts';
import { startProgress } from './progress.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import type { RunIo } from './run-command.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { manifestModel, provenanceOf, shownCommand } from '../node/provenance.ts';
import { checkResources, type BudgetFlags } from './resource-budget.ts';
import { thousands } from '../format/numbers.ts';

/** What differs between analyses (sweep, sensitivity); the folder, pool, timing and manifest are shared. */
export interface AnalysisSpec<R extends { headline: string[] }> {
  kind: 'sweep' | 'sensitivity';
  model: string;
  loaded: LoadedModel;
  flags: { runs: number; seed: string; workers?: number; out?: string; set?: string[]; variant?: string } & BudgetFlags;
  startedAt: Date;
  batches: number;
  /** Plays every batch (the API's sweep or sensitivity) on these workers, reporting progress. */
  analyse: (batches: Pick<AnalysisOptions, 'workers' | 'onProgress'>) => Promise<Analysed<R>>;
  title: (result: R) => string;
  charts: (result: R) => ReportChart[];
  /** Fields of manifest.json particular to the analysis. */
  manifest: (result: R) => Record<string, unknown>;
  /** How the batches are described in the closing line, e.g. "the model as written and 11 grid points". */
  batchesInWords: string;
}

/**
 * Runs an analysis into its folder (temporary name, renamed when complete): every batch on one
 * worker pool, then `<kind>.json`, the charts, report.html and manifest.json. A failing run writes
 * no folder and exits 1.
 */
export async function runAnalysisFolder<R extends { headline: string[] }>(spec: AnalysisSpec<R>, io: RunIo): Promise<number> {
  const { kind, loaded, flags, startedAt, batches } = spec;
  const { scenario, compiled } = loaded;
  const workers = flags.workers ?? defaultWorkers();
  checkResources({ actors: compiled.actors.length, packages: compiled.packageCount, runs: batches * flags.runs, workers }, flags);
  const folder = openRunFolder(flags.out, join('runs', defaultRunName(`${scenario.name}-${kind}`, startedAt)));
  try {
    return await withRunFolder(folder, async () => {
      prepareChartDrawing();
      const progress = startProgress(batches * flags.runs, io.err);
      const started = performance.now();
      let analysed;
      try {
        analysed = await spec.analyse({ workers, onProgress: progress.update });
      } finally {
        progress.stop();
      }
      const simulationSeconds = (performance.now() - started) / 1000;
      const { result, baseline } = analysed;
      const modelRecord = manifestModel(spec.model, loaded.text, flags.set, flags.variant, loaded.rebalanced);
      const files = await writeAnalysisReport(folder, {
        resultFile: `${kind}.json`,
        result,
        baseline,
        scenario,
        title: spec.title(result),
        headline: result.headline,
        charts: spec.charts(result),
        meta: { command: shownCommand(io.argv), createdAt: startedAt.toISOString() },
        provenance: provenanceOf(scenario.name, modelRecord),
        analysis: `${kind} of ${batches} batches`,
      });
      const wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
      folder.writeJson('manifest.json', {
        parley: io.version,
        command: io.argv.slice(2).map(shellQuote).join(' '),
        analysis: kind,
        model: modelRecord,
        scenario: scenario.name,
        seed: flags.seed,
        runs: flags.runs,
        batches,
        ...spec.manifest(result),
        workers,
        node: process.version,
        startedAt: startedAt.toISOString(),
        simulationSeconds: Number(simulationSeconds.toFixed(3)),
        wallSeconds: Number(wallSeconds.toFixed(3)),
        files,
      });
      const written = relative(process.cwd(), folder.commit()) || '.';
      io.out.write(`${result.headline.map((s) => `- ${s}`).join('\n')}\n\n`);
      io.out.write(
        `Wrote ${written}/ (report.html, ${kind}.json, charts/) in ${wallSeconds.toFixed(1)} s: ${batches} batch${batches === 1 ? '' : 'es'} of ${thousands(flags.runs)} runs ` +
          `(${spec.batchesInWords}), simulation ${simulationSeconds.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}.\n`,
      );
      return 0;
    });
  } catch (e) {
    if (e instanceof RunFailure) {
      io.err.write(`parley: ${e.message}\nNo folder was written.\n`);
      return 1;
    }
    throw e;
  }
}
