/**
 * `parley run`: validate the model, simulate the batch in worker threads, and write the run
 * folder — manifest.json, scenario.json (the resolved scenario), summary.json, charts/ (Vega-Lite
 * specs and SVGs), report.html, and runs.csv with --save-runs — through a temporary folder that
 * is renamed into place when everything is written.
 *
 * With --shard K/N it simulates only shard K's share of the batch and writes a partial folder
 * (manifest.json, scenario.json, aggregate.json, runs.csv) for `parley merge`.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import { aggregateToJson, defaultWorkers, parseShard, prepareChartDrawing, RunFailure, runCsvHeader, sha256, shardRange, simulate, simulatesInThisThread, writeReport, type Shard, type WorkerPool } from '../index.ts';
import { startProgress } from './progress.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import { formatSummary, runTitle } from './summary-table.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { UsageError } from '../node/usage-error.ts';
import { loadModel } from './load-model.ts';
import { shardDigest, sha256Hex, type ShardFile } from './shard-digest.ts';
import { printOutcome } from './print-outcome.ts';
import { manifestModel, provenanceOf, shownCommand } from '../node/provenance.ts';
import { provenanceLabel } from '../simulation/provenance.ts';
import { checkResources } from './resource-budget.ts';

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
  /** Print the result as JSON on stdout (the folder, manifest and summary); the closing lines go to stderr. */
  json?: boolean;
  maxMemory?: number;
  maxTime?: number;
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
  const loaded = loadModel(model, flags, { allAllowed: true, log: io.err });
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
  const runs = range.endRun - range.firstRun;
  // A batch of one chunk runs in the main thread (the API's simulate decides); the manifest then records 0 workers.
  const inThisThread = simulatesInThisThread({ runs, firstRun: range.firstRun, pool });
  const workers = inThisThread ? 0 : (flags.workers ?? defaultWorkers());
  const where = inThisThread ? 'in the main thread' : `on ${workers} worker${workers === 1 ? '' : 's'}`;
  checkResources({ actors: compiled.actors.length, packages: compiled.packageCount, runs, workers: Math.max(1, workers) }, flags);
  const folder = openRunFolder(flags.out, join('runs', name));
  const modelRecord = manifestModel(model, loaded.text, flags.set, flags.variant, loaded.rebalanced);

  let csv: WriteStream | undefined;
  // A shard's runs.csv is hashed as it is written, for the shard's digest.
  const csvHash = createHash('sha256');
  const writeCsv = (text: string) => {
    csv!.write(text);
    csvHash.update(text);
  };
  try {
    return await withRunFolder(folder, async () => {
      if (flags.saveRuns) {
        csv = createWriteStream(folder.path('runs.csv'));
        // A write error (disk full) surfaces when the stream is finished, below, not as a crash.
        csv.on('error', () => {});
        writeCsv(runCsvHeader(compiled));
      }
      const share = shard ? `shard ${shard.index}/${shard.count} (${runs.toLocaleString('en-US')} of ${batch.runs.toLocaleString('en-US')} runs)` : undefined;
      // A tweaked batch is named by what it ran (variant, override digest), so its output is told apart from the base's.
      const provenance = provenanceOf(scenario.name, modelRecord);
      const title = provenance.variant === null && provenance.overrides.length === 0 ? compiled.title : `${compiled.title} [${provenanceLabel(provenance)}]`;
      (flags.json ? io.err : io.out).write(`${runTitle({ title, runs: batch.runs, seed: flags.seed, mechanism: compiled.mechanism })}${share ? `, ${share}` : ''} · ${where}\n`);
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
          onRows: csv ? writeCsv : undefined,
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
      let shardEntry: Record<string, unknown> = {};
      if (shard) {
        const hashes: Partial<Record<ShardFile, string>> = {
          'scenario.json': sha256Hex(folder.writeJson('scenario.json', scenario)),
          'aggregate.json': sha256Hex(folder.writeJson('aggregate.json', aggregateToJson(result.aggregate))),
          ...(csv ? { 'runs.csv': csvHash.digest('hex') } : {}),
        };
        const identity = { index: shard.index, count: shard.count, firstRun: range.firstRun, endRun: range.endRun };
        const digest = shardDigest({ parley: io.version, modelSha256: sha256(loaded.text), seed: flags.seed, batch, shard: identity, files: hashes });
        shardEntry = { shard: { ...identity, files: hashes, digest } };
        files = ['scenario.json', 'aggregate.json'];
      } else {
        files = await writeReport(folder, result.summary, scenario, { command: shownCommand(io.argv), createdAt: startedAt.toISOString(), provenance }, { drawings: flags.charts !== false });
      }
      const wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
      const manifest = {
        parley: io.version,
        command: io.argv.slice(2).map(shellQuote).join(' '),
        model: modelRecord,
        mechanism: compiled.mechanism,
        scenario: scenario.name,
        seed: flags.seed,
        runs: flags.runs,
        firstRun: flags.firstRun,
        ...shardEntry,
        workers,
        rng: 'seedrandom alea, seeded "<seed>/<run index>"',
        node: process.version,
        startedAt: startedAt.toISOString(),
        simulationSeconds: Number(simulationSeconds.toFixed(3)),
        wallSeconds: Number(wallSeconds.toFixed(3)),
        files: [...files, ...(flags.saveRuns ? ['runs.csv'] : [])],
      };
      folder.writeJson('manifest.json', manifest);
      const written = relative(process.cwd(), folder.commit()) || '.';
      const json = { folder: written, manifest, ...(shard ? {} : { summary: result.summary }) };
      if (shard) {
        const ran = runs === 0 ? 'no runs (a batch splits on 1,000-run chunks; there are more shards than chunks)' : `runs ${range.firstRun}–${range.endRun - 1}`;
        printOutcome(io, flags.json, {
          closing:
            `Shard ${shard.index}/${shard.count}: ${ran} of ${batch.runs} simulated in ${simulationSeconds.toFixed(1)} s.\n` +
            `Wrote ${written}/ (a partial result); combine all ${shard.count} shards with: parley merge DIR... --out DIR\n`,
          json,
        });
      } else {
        printOutcome(io, flags.json, {
          text: `\n${formatSummary(result.summary, { title: false })}`,
          closing: `Wrote ${written}/ (report.html, summary.json, charts/) in ${wallSeconds.toFixed(1)} s; simulation ${simulationSeconds.toFixed(1)} s ${where}.\n`,
          json,
        });
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
