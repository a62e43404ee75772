/**
 * `parley sweep MODEL --param PATH=FROM:TO:STEPS [--param …]`: P(deal), P(breakdown) and the key
 * terms over a grid of one parameter (curves) or two (heatmaps), every grid point the same runs
 * with the same seeds (src/analysis/sweep.ts). Every input is checked before anything is written;
 * the folder (sweep.json, charts, report.html, manifest.json) is written under a temporary name
 * and renamed when complete.
 */
import { buildCharts, planModelSweep, sweep, sweepChartBuilders } from '../index.ts';
import { loadModel } from './load-model.ts';
import { runAnalysisFolder } from './analysis-runner.ts';
import type { RunIo } from './run-command.ts';
import { UsageError } from '../node/usage-error.ts';

export interface SweepFlags {
  maxMemory?: number;
  maxTime?: number;
  param: string[];
  runs: number;
  seed: string;
  workers?: number;
  out?: string;
  set?: string[];
  variant?: string;
  /** A mechanism name: overrides negotiation.protocol. */
  mechanism?: string;
}

export async function sweepCommand(model: string, flags: SweepFlags, io: RunIo): Promise<number> {
  const startedAt = new Date();
  const loaded = loadModel(model, flags, { log: io.err });
  const { scenario } = loaded;
  const planned = planModelSweep(loaded, flags.param);
  if (!planned.ok) throw new UsageError(planned.problems);
  const { plan, params } = planned;
  const batches = plan.points.length + 1;
  const totalRuns = batches * flags.runs;
  if (totalRuns > 2 ** 40) throw new UsageError([`--runs × grid points: expected at most 2^40 runs in all, got ${totalRuns}`]);

  return runAnalysisFolder(
    {
      kind: 'sweep',
      model,
      loaded,
      flags,
      startedAt,
      batches,
      analyse: (batches) => sweep(loaded, plan, { seed: flags.seed, runs: flags.runs, ...batches }),
      title: (result) => `${scenario.title} — sweep over ${result.axes.map((a) => a.label).join(' and ')}`,
      charts: (result) => buildCharts(sweepChartBuilders, result),
      manifest: (result) => ({
        params: params.map((p) => p.text),
        gridPoints: plan.points.length,
        commonRandomNumbers: result.commonRandomNumbers,
        rng: 'seedrandom alea, seeded "<seed>/<run index>", the same runs at every grid point',
      }),
      batchesInWords: `the model as written and ${plan.points.length} grid points`,
    },
    io,
  );
}
