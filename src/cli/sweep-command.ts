/**
 * `parley sweep MODEL --param PATH=FROM:TO:STEPS [--param …]`: P(deal), P(breakdown) and the key
 * terms over a grid of one parameter (curves) or two (heatmaps), every grid point the same runs
 * with the same seeds (src/analysis/sweep.ts). Every input is checked before anything is written;
 * the folder (sweep.json, charts, report.html, manifest.json) is written under a temporary name
 * and renamed when complete.
 */
import { loadModel } from './load-model.ts';
import { formatProblem, parseOverrides, readAndPrepare, type Override } from '../index.ts';
import { parseSweepParam, planSweep, runSweep, type CompileWithSettings, type SweepParam } from '../analysis/sweep.ts';
import { buildAnalysisCharts } from '../charts/analysis-chart.ts';
import { sweepChartBuilders } from '../charts/analysis-charts.ts';
import { runAnalysisFolder } from './analysis-runner.ts';
import type { RunIo } from './run-command.ts';
import { UsageError } from './usage-error.ts';

/** Runs per grid point unless -n says otherwise: an 11-point curve of the default scenario in about 10 s on 2 cores. */
export const DEFAULT_SWEEP_RUNS = 5_000;

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

/** Compiles the model with the user's --set plus the sweep's own settings; problems name the --param. */
function compilerFor(model: string, overrides: readonly Override[], variant: string | undefined): CompileWithSettings {
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
    const result = readAndPrepare(model, [...overrides, ...extra], variant);
    if (result.ok) return { ok: true, compiled: result.compiled };
    return { ok: false, problems: result.problems.map((p) => formatProblem({ ...p, file: sources.get(p.file) ?? p.file })) };
  };
}

export async function sweepCommand(model: string, flags: SweepFlags, io: RunIo): Promise<number> {
  const startedAt = new Date();
  const loaded = loadModel(model, flags, { log: io.err });
  const { scenario, compiled, overrides } = loaded;

  const params: SweepParam[] = [];
  const paramProblems: string[] = [];
  for (const text of flags.param) {
    const parsed = parseSweepParam(text);
    if (typeof parsed === 'string') paramProblems.push(parsed);
    else params.push(parsed);
  }
  if (paramProblems.length > 0) throw new UsageError(paramProblems);
  const planned = planSweep(compiled, scenario, params, compilerFor(model, overrides, flags.variant));
  if (!planned.ok) throw new UsageError(planned.problems);
  const { plan } = planned;
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
      analyse: (simulate) => runSweep(compiled, plan, { seed: flags.seed, runs: flags.runs, simulate }),
      title: (result) => `${scenario.title} — sweep over ${result.axes.map((a) => a.label).join(' and ')}`,
      charts: (result) => buildAnalysisCharts(sweepChartBuilders, result),
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
