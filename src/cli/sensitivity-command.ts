/**
 * `parley sensitivity MODEL`: the tornado of every uncertain parameter (pinned at its low and high
 * quantile, the same seeds in both arms) and the rank correlations of one batch
 * (src/analysis/sensitivity.ts). The folder (sensitivity.json, charts, report.html, manifest.json)
 * is written under a temporary name and renamed when complete.
 */
import { InvalidArgumentError } from 'commander';
import { join, relative } from 'node:path';
import { loadModel } from './load-model.ts';
import { RunFailure } from '../index.ts';
import { runSensitivity } from '../analysis/sensitivity.ts';
import { buildAnalysisCharts } from '../charts/analysis-chart.ts';
import { sensitivityChartBuilders } from '../charts/analysis-charts.ts';
import { defaultWorkers } from '../parallel/run-parallel.ts';
import { sha256, workerPoolRunner } from './analysis-runner.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import type { RunIo } from './run-command.ts';
import { shellQuote } from './shell-quote.ts';
import { UsageError } from './usage-error.ts';
import { writeAnalysisReport } from './write-analysis.ts';

/**
 * Runs per arm unless -n says otherwise. The default scenario has 17 uncertain parameters: 35
 * batches (the baseline and two arms each) of 10,000 runs took about 40 s on this project's
 * 2-core machine (README, "parley sensitivity").
 */
export const DEFAULT_SENSITIVITY_RUNS = 10_000;

export interface SensitivityFlags {
  runs: number;
  seed: string;
  workers?: number;
  out?: string;
  low: number;
  high: number;
  set?: string[];
  variant?: string;
  /** A mechanism name: overrides negotiation.protocol. */
  mechanism?: string;
}

export async function sensitivityCommand(model: string, flags: SensitivityFlags, io: RunIo): Promise<number> {
  const startedAt = new Date();
  if (!(flags.low < flags.high)) throw new UsageError([`--low ${flags.low} --high ${flags.high}: expected the low quantile below the high one`]);
  const loaded = loadModel(model, flags);
  const { scenario, compiled } = loaded;
  const batches = 1 + 2 * compiled.uncertainParameters.length;
  const totalRuns = batches * flags.runs;

  const folder = openRunFolder(flags.out, join('runs', defaultRunName(`${scenario.name}-sensitivity`, startedAt)));
  const workers = flags.workers ?? defaultWorkers();
  try {
    return await withRunFolder(folder, async () => {
      const { simulate, progress, close } = workerPoolRunner(workers, totalRuns);
      const started = performance.now();
      let analysed;
      try {
        analysed = await runSensitivity(compiled, { seed: flags.seed, runs: flags.runs, quantiles: { low: flags.low, high: flags.high }, simulate });
      } finally {
        progress.stop();
        await close();
      }
      const simulationSeconds = (performance.now() - started) / 1000;
      const { result, baseline } = analysed;
      const files = await writeAnalysisReport(folder, {
        resultFile: 'sensitivity.json',
        result,
        baseline,
        scenario,
        title: `${scenario.title} — sensitivity analysis`,
        headline: result.headline,
        charts: buildAnalysisCharts(sensitivityChartBuilders, result),
        meta: { command: io.argv.slice(1).map(shellQuote).join(' '), createdAt: startedAt.toISOString() },
      });
      const wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
      folder.writeJson('manifest.json', {
        parley: io.version,
        command: io.argv.slice(2).map(shellQuote).join(' '),
        analysis: 'sensitivity',
        model: { file: model, sha256: sha256(loaded.text), overrides: flags.set ?? [], variant: flags.variant ?? null },
        scenario: scenario.name,
        seed: flags.seed,
        runs: flags.runs,
        quantiles: { low: flags.low, high: flags.high },
        uncertainParameters: compiled.uncertainParameters.length,
        batches,
        method: result.method,
        workers,
        rng: 'seedrandom alea, seeded "<seed>/<run index>", the same runs in every arm',
        node: process.version,
        startedAt: startedAt.toISOString(),
        simulationSeconds: Number(simulationSeconds.toFixed(3)),
        wallSeconds: Number(wallSeconds.toFixed(3)),
        files,
      });
      const written = relative(process.cwd(), folder.commit()) || '.';
      io.out.write(`${result.headline.map((s) => `- ${s}`).join('\n')}\n\n`);
      io.out.write(
        `Wrote ${written}/ (report.html, sensitivity.json, charts/) in ${wallSeconds.toFixed(1)} s: ${batches} batch${batches === 1 ? '' : 'es'} of ${flags.runs.toLocaleString('en-US')} runs, ` +
          `simulation ${simulationSeconds.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}.\n`,
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

/** Commander parser for --low/--high: a probability strictly between 0 and 1. */
export function quantileLevel(value: string): number {
  const q = Number(value);
  if (value.trim() === '' || !Number.isFinite(q) || q <= 0 || q >= 1) throw new InvalidArgumentError(`expected a quantile level between 0 and 1 (e.g. 0.1), got "${value}"`);
  return q;
}
