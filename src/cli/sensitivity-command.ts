/**
 * `parley sensitivity MODEL`: the tornado of every uncertain parameter (pinned at its low and high
 * quantile, the same seeds in both arms) and the rank correlations of one batch
 * (src/analysis/sensitivity.ts). The folder (sensitivity.json, charts, report.html, manifest.json)
 * is written under a temporary name and renamed when complete.
 */
import { buildCharts, sensitivity, sensitivityBatches, sensitivityChartBuilders } from '../index.ts';
import { loadModel } from './load-model.ts';
import { runAnalysisFolder } from './analysis-runner.ts';
import type { RunIo } from './run-command.ts';
import { UsageError } from '../node/usage-error.ts';

export interface SensitivityFlags {
  maxMemory?: number;
  maxTime?: number;
  runs: number;
  seed: string;
  workers?: number;
  out?: string;
  low: number;
  high: number;
  /** --fixed: swing every fixed number by ± this share. */
  fixed?: number;
  set?: string[];
  variant?: string;
  /** A mechanism name: overrides negotiation.protocol. */
  mechanism?: string;
}

export async function sensitivityCommand(model: string, flags: SensitivityFlags, io: RunIo): Promise<number> {
  const startedAt = new Date();
  if (!(flags.low < flags.high)) throw new UsageError([`--low ${flags.low} --high ${flags.high}: expected the low quantile below the high one`]);
  const loaded = loadModel(model, flags, { log: io.err });
  const { scenario, compiled } = loaded;
  const swings = { quantiles: { low: flags.low, high: flags.high }, fixedShare: flags.fixed };
  const { batches, swung: kinds } = sensitivityBatches(loaded, swings);
  return runAnalysisFolder(
    {
      kind: 'sensitivity',
      model,
      loaded,
      flags,
      startedAt,
      batches,
      analyse: (batches) => sensitivity(loaded, { seed: flags.seed, runs: flags.runs, ...swings, ...batches }),
      title: () => `${scenario.title} — sensitivity analysis`,
      charts: (result) => buildCharts(sensitivityChartBuilders, result),
      manifest: (result) => ({
        quantiles: { low: flags.low, high: flags.high },
        fixedShare: flags.fixed ?? null,
        uncertainParameters: compiled.uncertainParameters.length,
        swung: kinds,
        method: result.method,
        rng: 'seedrandom alea, seeded "<seed>/<run index>", the same runs in every arm',
      }),
      batchesInWords:
        `the model as written, two arms for each of ${kinds.uncertain} uncertain parameters` +
        (kinds.choice > 0 ? `, one per alternative of ${kinds.choice} choices` : '') +
        (kinds.fixed > 0 ? `, two for each of ${kinds.fixed} fixed numbers` : ''),
    },
    io,
  );
}
