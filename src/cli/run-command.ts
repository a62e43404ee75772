/**
 * `parley run`: validate the model, simulate the batch in worker threads, and write the run
 * folder — manifest.json, scenario.json (the resolved scenario), summary.json, charts/ (Vega-Lite
 * specs and SVGs), report.html, and runs.csv with --save-runs — through a temporary folder that
 * is renamed into place when everything is written.
 *
 * With --shard K/N it simulates only shard K's share of the batch and writes a partial folder
 * (manifest.json, scenario.json, aggregate.json, runs.csv) for `parley merge`.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import { aggregateToJson, defaultWorkers, parseShard, prepareChartDrawing, RunFailure, runCsvHeader, sha256, shardRange, simulate, simulatesInThisThread, writeReport, type Shard, type WorkerPool } from '../index.ts';
import { startProgress } from './progress.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import { formatSummary, runTitle } from './summary-table.ts';
import { shellQuote } from './shell-quote.ts';
import { UsageError } from './usage-error.ts';
import { loadModel } from './load-model.ts';

export interface RunFlags {
  runs: number;
  seed: string;
  workers?: number;
  out?: string;
  saveRuns?: boolean;
  firstRun: number;
  shard?: string;
  set?: string[];
  variant?: string;
  /** A mechanism name (overrides negotiation.protocol), or "all". */
  mechanism?: string;
  failAtRun?: number;
  /** false with --no-charts: chart specs and report.html, but no SVG or PNG (Vega is not loaded). */
  charts?: boolean;
}

export interface RunIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  version: string;
  argv: string[];
}

/**
 * One batch (run-all-command.ts dispatches `--variant all` and `--mechanism all`).
 * `pool`: an open worker pool to simulate on (`parley run --variant all` shares one over its
 * batches; it must have `flags.workers` threads, which the manifest records); by default the batch
 * starts and stops workers of its own.
 */
export async function runCommand(model: string, flags: RunFlags, io: RunIo, pool?: WorkerPool): Promise<number> {
  const startedAt = new Date();
  const loaded = loadModel(model, flags, { allAllowed: true });
  const { scenario, compiled } = loaded;

  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    const parsed = parseShard(flags.shard);
    if (typeof parsed === 'string') throw new UsageError([`--shard: ${parsed}`]);
    shard = parsed;
  }
  if (flags.firstRun + flags.runs > 2 ** 30) throw new UsageError([`--first-run + --runs: expected at most 2^30 (${2 ** 30}) run indices, got ${flags.firstRun + flags.runs}`]);
  const batch = { firstRun: flags.firstRun, runs: flags.runs };
  const range = shard ? shardRange(batch, shard) : { firstRun: batch.firstRun, endRun: batch.firstRun + batch.runs };
  const name = defaultRunName(scenario.name, startedAt) + (shard ? `-shard-${shard.index}-of-${shard.count}` : '');
  const folder = openRunFolder(flags.out, join('runs', name));
  // A batch of one chunk runs in the main thread (the API's simulate decides); the manifest then records 0 workers.
  const inThisThread = simulatesInThisThread({ runs: range.endRun - range.firstRun, firstRun: range.firstRun, pool });
  const workers = inThisThread ? 0 : (flags.workers ?? defaultWorkers());
  const where = inThisThread ? 'in the main thread' : `on ${workers} worker${workers === 1 ? '' : 's'}`;

  let csv: WriteStream | undefined;
  try {
    return await withRunFolder(folder, async () => {
      if (flags.saveRuns) {
        csv = createWriteStream(folder.path('runs.csv'));
        // A write error (disk full) surfaces when the stream is finished, below, not as a crash.
        csv.on('error', () => {});
        csv.write(runCsvHeader(compiled));
      }
      const runs = range.endRun - range.firstRun;
      const share = shard ? `shard ${shard.index}/${shard.count} (${runs.toLocaleString('en-US')} of ${batch.runs.toLocaleString('en-US')} runs)` : undefined;
      io.out.write(`${runTitle({ title: compiled.title, runs: batch.runs, seed: flags.seed, mechanism: compiled.mechanism })}${share ? `, ${share}` : ''} · ${where}\n`);
      // Vega and resvg load while the batch is simulated.
      if (!shard && flags.charts !== false) prepareChartDrawing();
      const progress = startProgress(runs, io.err);
      const started = performance.now();
      let result;
      try {
        result = await simulate(compiled, {
          seed: flags.seed,
          runs,
          firstRun: range.firstRun,
          batch,
          workers,
          pool,
          onProgress: progress.update,
          onRows: csv ? (rows) => csv!.write(rows) : undefined,
          failAtRun: flags.failAtRun,
        });
      } finally {
        progress.stop();
      }
      const simulationSeconds = (performance.now() - started) / 1000;
      if (csv) {
        csv.end();
        await finished(csv);
      }

      let files: string[];
      if (shard) {
        folder.writeJson('scenario.json', scenario);
        folder.writeJson('aggregate.json', aggregateToJson(result.aggregate));
        files = ['scenario.json', 'aggregate.json'];
      } else {
        files = await writeReport(folder, result.summary, scenario, { command: io.argv.slice(1).map(shellQuote).join(' '), createdAt: startedAt.toISOString() }, { drawings: flags.charts !== false });
      }
      const wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
      folder.writeJson('manifest.json', {
        parley: io.version,
        command: io.argv.slice(2).map(shellQuote).join(' '),
        model: { file: model, sha256: sha256(loaded.text), overrides: flags.set ?? [], variant: flags.variant ?? null },
        mechanism: compiled.mechanism,
        scenario: scenario.name,
        seed: flags.seed,
        runs: flags.runs,
        firstRun: flags.firstRun,
        ...(shard ? { shard: { index: shard.index, count: shard.count, firstRun: range.firstRun, endRun: range.endRun } } : {}),
        workers,
        rng: 'seedrandom alea, seeded "<seed>/<run index>"',
        node: process.version,
        startedAt: startedAt.toISOString(),
        simulationSeconds: Number(simulationSeconds.toFixed(3)),
        wallSeconds: Number(wallSeconds.toFixed(3)),
        files: [...files, ...(flags.saveRuns ? ['runs.csv'] : [])],
      });
      const written = relative(process.cwd(), folder.commit()) || '.';
      if (shard) {
        const ran = runs === 0 ? 'no runs (a batch splits on 1,000-run chunks; there are more shards than chunks)' : `runs ${range.firstRun}–${range.endRun - 1}`;
        io.out.write(
          `Shard ${shard.index}/${shard.count}: ${ran} of ${batch.runs} simulated in ${simulationSeconds.toFixed(1)} s.\n` +
            `Wrote ${written}/ (a partial result); combine all ${shard.count} shards with: parley merge DIR... --out DIR\n`,
        );
      } else {
        io.out.write(`\n${formatSummary(result.summary, { title: false })}\n\n`);
        io.out.write(`Wrote ${written}/ (report.html, summary.json, charts/) in ${wallSeconds.toFixed(1)} s; simulation ${simulationSeconds.toFixed(1)} s ${where}.\n`);
      }
      return 0;
    });
  } catch (e) {
    csv?.destroy();
    if (e instanceof RunFailure) {
      const reproduce = ['parley', 'run', model, '--seed', flags.seed, '--first-run', String(e.run), '--runs', '1', '--workers', '1'].map(shellQuote).join(' ');
      io.err.write(`parley: ${e.message}\nReproduce it with:\n  ${reproduce}\nNo run folder was written.\n`);
      return 1;
    }
    throw e;
  }
}
