/**
 * `parley sweep MODEL --param PATH=FROM:TO:STEPS [--param …]`: P(deal), P(breakdown) and the key
 * terms over a grid of one parameter (curves) or two (heatmaps), every grid point the same runs
 * with the same seeds (src/analysis/sweep.ts). Every input is checked before anything is written;
 * the folder (sweep.json, charts, report.html, manifest.json) is written under a temporary name
 * and renamed when complete.
 */
import { join, relative } from 'node:path';
import { loadModel } from './load-model.ts';
import { formatProblem, parseOverrides, readAndPrepare, RunFailure, type Override } from '../index.ts';
import { parseSweepParam, planSweep, runSweep, type CompileWithSettings, type SweepParam } from '../analysis/sweep.ts';
import { buildAnalysisCharts } from '../charts/analysis-chart.ts';
import { sweepChartBuilders } from '../charts/analysis-charts.ts';
import { defaultWorkers } from '../parallel/run-parallel.ts';
import { sha256, workerPoolRunner } from './analysis-runner.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import type { RunIo } from './run-command.ts';
import { shellQuote } from './shell-quote.ts';
import { UsageError } from './usage-error.ts';
import { writeAnalysisReport } from './write-analysis.ts';

/** Runs per grid point unless -n says otherwise: an 11-point curve of the default scenario in about 10 s on 2 cores. */
export const DEFAULT_SWEEP_RUNS = 5_000;

export interface SweepFlags {
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
  const loaded = loadModel(model, flags);
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

  const folder = openRunFolder(flags.out, join('runs', defaultRunName(`${scenario.name}-sweep`, startedAt)));
  const workers = flags.workers ?? defaultWorkers();
  try {
    return await withRunFolder(folder, async () => {
      const { simulate, progress, close } = workerPoolRunner(workers, totalRuns);
      const started = performance.now();
      let swept;
      try {
        swept = await runSweep(compiled, plan, { seed: flags.seed, runs: flags.runs, simulate });
      } finally {
        progress.stop();
        await close();
      }
      const simulationSeconds = (performance.now() - started) / 1000;
      const { result, baseline } = swept;
      const command = io.argv.slice(2).map(shellQuote).join(' ');
      const files = await writeAnalysisReport(folder, {
        resultFile: 'sweep.json',
        result,
        baseline,
        scenario,
        title: `${scenario.title} — sweep over ${result.axes.map((a) => a.label).join(' and ')}`,
        headline: result.headline,
        charts: buildAnalysisCharts(sweepChartBuilders, result),
        meta: { command: io.argv.slice(1).map(shellQuote).join(' '), createdAt: startedAt.toISOString() },
      });
      const wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
      folder.writeJson('manifest.json', {
        parley: io.version,
        command,
        analysis: 'sweep',
        model: { file: model, sha256: sha256(loaded.text), overrides: flags.set ?? [], variant: flags.variant ?? null },
        scenario: scenario.name,
        params: params.map((p) => p.text),
        seed: flags.seed,
        runs: flags.runs,
        gridPoints: plan.points.length,
        batches,
        commonRandomNumbers: result.commonRandomNumbers,
        workers,
        rng: 'seedrandom alea, seeded "<seed>/<run index>", the same runs at every grid point',
        node: process.version,
        startedAt: startedAt.toISOString(),
        simulationSeconds: Number(simulationSeconds.toFixed(3)),
        wallSeconds: Number(wallSeconds.toFixed(3)),
        files,
      });
      const written = relative(process.cwd(), folder.commit()) || '.';
      io.out.write(`${result.headline.map((s) => `- ${s}`).join('\n')}\n\n`);
      io.out.write(
        `Wrote ${written}/ (report.html, sweep.json, charts/) in ${wallSeconds.toFixed(1)} s: ${batches} batch${batches === 1 ? '' : 'es'} of ${flags.runs.toLocaleString('en-US')} runs ` +
          `(the model as written and ${plan.points.length} grid points), simulation ${simulationSeconds.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}.\n`,
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
