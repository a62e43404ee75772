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
// The API's functions from the modules that define them (index.ts exports each), not through
// index.ts, which loads every module of the API: `parley run` loads only what it uses.
import { aggregateToJson } from '../simulation/aggregate-json.ts';
import { RunFailure } from '../simulation/batch.ts';
import type { Batch, BatchRange } from '../simulation/run-range.ts';
import { runCsvHeader } from '../simulation/run-row.ts';
import { parseShard, shardRange, type Shard } from '../simulation/shards.ts';
import type { Summary } from '../simulation/summary-types.ts';
import { defaultWorkers, type WorkerPool } from '../parallel/run-parallel.ts';
import { prepareChartDrawing } from '../node/render-charts.ts';
import { sha256 } from '../node/sha256.ts';
import { simulate, simulatesInThisThread, type Simulated } from '../node/simulate.ts';
import { writeReport } from '../node/write-charts.ts';
import { startProgress } from './progress.ts';
import { MAX_RUN_INDEX } from '../simulation/seeding.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import type { RunFolder } from '../node/run-folder.ts';
import { formatSummary, runTitle } from './summary-table.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { UsageError } from '../node/usage-error.ts';
import { loadModel, type LoadedModel } from './load-model.ts';
import { shardDigest, sha256Hex, type ShardFile } from './shard-digest.ts';
import { printOutcome } from './print-outcome.ts';
import { manifestModel, provenanceOf, shownCommand, type ManifestModel } from '../node/provenance.ts';
import { provenanceLabel, type Provenance } from '../simulation/provenance.ts';
import { checkResources } from './resource-budget.ts';
import { rangeRuns, wholeBatch } from '../simulation/run-range.ts';
import { thousands } from '../format/numbers.ts';

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

/** A batch resolved from the model and flags: what to simulate, where, and under which name. */
export interface PlannedRun {
  loaded: LoadedModel;
  startedAt: Date;
  batch: Batch;
  /** With --shard: which share of the batch, and its range; otherwise the whole batch. */
  shard?: Shard;
  range: BatchRange;
  runs: number;
  /** Worker threads, 0 when the batch runs in the main thread (as the manifest records). */
  workers: number;
  /** "in the main thread" or "on N workers", for the title and closing lines. */
  where: string;
  /** The folder's name when --out is not given. */
  name: string;
  /** What the manifest records of the model (file, hash, variant, overrides, rescaling), and the same as provenance for titles and captions. */
  modelRecord: ManifestModel;
  provenance: Provenance;
}

/** What a run folder records of the process that writes it, and where its messages go. */
export interface RunRecording {
  version: string;
  /** The process's argv: the manifest records the command from argv[2], the report from argv[1]. */
  argv: string[];
  /** Warnings while the model loads, and the progress of the batch. */
  err: NodeJS.WritableStream;
  /** An open worker pool with `flags.workers` threads to simulate on (see runCommand). */
  pool?: WorkerPool;
  /** Called when the folder is open, just before simulating (the CLI prints the batch's title). */
  onStart?: (plan: PlannedRun) => void;
}

/** A run folder written and moved into place. */
export interface WrittenRun {
  plan: PlannedRun;
  /** The folder, relative to the working directory. */
  folder: string;
  manifest: RunManifest;
  /** The batch's summary; a shard's covers its share only and is not written (`parley merge` gives the batch's). */
  summary: Summary;
  simulationSeconds: number;
  wallSeconds: number;
}

/**
 * One batch (run-all-command.ts dispatches `--variant all` and `--mechanism all`).
 * `pool`: an open worker pool to simulate on (`parley run --variant all` shares one over its
 * batches; it must have `flags.workers` threads, which the manifest records); by default the batch
 * starts and stops workers of its own.
 */
export async function runCommand(model: string, flags: RunFlags, io: RunIo, pool?: WorkerPool): Promise<number> {
  try {
    const run = await writeRun(model, flags, { ...io, pool, onStart: (plan) => (flags.json ? io.err : io.out).write(titleLine(plan, flags)) });
    printRun(io, flags, run);
    return 0;
  } catch (e) {
    if (e instanceof RunFailure) {
      printRunFailure(io, model, flags, e);
      return 1;
    }
    throw e;
  }
}

/**
 * Simulates the batch the model and flags give and writes its run folder (a shard's partial
 * folder with --shard): the core of `parley run`, without its terminal output. Throws a
 * UsageError for bad flags or model, a RunFailure when a run throws; either way nothing is left.
 */
export async function writeRun(model: string, flags: RunFlags, recording: RunRecording): Promise<WrittenRun> {
  // The drawing threads load Vega and resvg while the model is read and the batch simulated.
  if (flags.shard === undefined && flags.charts !== false) prepareChartDrawing();
  const plan = planRun(model, flags, recording);
  const { compiled } = plan.loaded;
  checkResources({ actors: compiled.actors.length, packages: compiled.packageCount, runs: plan.runs, workers: Math.max(1, plan.workers) }, flags);
  const folder = openRunFolder(flags.out, join('runs', plan.name));
  let csv: RunsCsv | undefined;
  try {
    return await withRunFolder(folder, async () => {
      if (flags.saveRuns) csv = openRunsCsv(folder.path('runs.csv'), runCsvHeader(compiled));
      recording.onStart?.(plan);
      const { result, simulationSeconds } = await simulateWithProgress(plan, flags, recording, csv);
      if (csv) await csv.close();
      const { files, shardEntry } = await writeResults(folder, plan, flags, result, csv, recording);
      const wallSeconds = (Date.now() - plan.startedAt.getTime()) / 1000;
      const manifest = runManifest(model, flags, plan, recording, { files, shardEntry, simulationSeconds, wallSeconds });
      folder.writeJson('manifest.json', manifest);
      const written = relative(process.cwd(), folder.commit()) || '.';
      return { plan, folder: written, manifest, summary: result.summary, simulationSeconds, wallSeconds };
    });
  } catch (e) {
    csv?.destroy();
    throw e;
  }
}

/** Resolves the model, --shard, the run range and the workers; throws a UsageError for bad ones. */
function planRun(model: string, flags: RunFlags, recording: Pick<RunRecording, 'err' | 'pool'>): PlannedRun {
  const startedAt = new Date();
  const loaded = loadModel(model, flags, { allAllowed: true, log: recording.err });
  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    const parsed = parseShard(flags.shard);
    if (typeof parsed === 'string') throw new UsageError([`--shard: ${parsed}`]);
    shard = parsed;
  }
  if (flags.firstRun + flags.runs > MAX_RUN_INDEX)
    throw new UsageError([`--first-run + --runs: expected at most 2^30 (${MAX_RUN_INDEX}) run indices, got ${flags.firstRun + flags.runs}`]);
  const batch = { firstRun: flags.firstRun, runs: flags.runs };
  const range = shard ? shardRange(batch, shard) : wholeBatch(batch);
  const name = defaultRunName(loaded.scenario.name, startedAt) + (shard ? `-shard-${shard.index}-of-${shard.count}` : '');
  const runs = rangeRuns(range);
  // A batch of one chunk runs in the main thread (the API's simulate decides); the manifest then records 0 workers.
  const inThisThread = simulatesInThisThread({ runs, firstRun: range.firstRun, pool: recording.pool });
  const workers = inThisThread ? 0 : (flags.workers ?? defaultWorkers());
  const where = inThisThread ? 'in the main thread' : `on ${workers} worker${workers === 1 ? '' : 's'}`;
  const modelRecord = manifestModel(model, loaded.text, flags.set, flags.variant, loaded.rebalanced);
  return { loaded, startedAt, batch, shard, range, runs, workers, where, name, modelRecord, provenance: provenanceOf(loaded.scenario.name, modelRecord) };
}

/** runs.csv as it is written; a shard's is hashed on the way, for the shard's digest. */
interface RunsCsv {
  write(text: string): void;
  /** Ends the file; a write error (disk full) surfaces here, not as a crash. */
  close(): Promise<void>;
  /** The SHA-256 of all that was written. */
  digest(): string;
  destroy(): void;
}

function openRunsCsv(path: string, header: string): RunsCsv {
  const stream: WriteStream = createWriteStream(path);
  stream.on('error', () => {});
  const hash = createHash('sha256');
  const csv: RunsCsv = {
    write(text) {
      stream.write(text);
      hash.update(text);
    },
    async close() {
      stream.end();
      await finished(stream);
    },
    digest: () => hash.digest('hex'),
    destroy: () => stream.destroy(),
  };
  csv.write(header);
  return csv;
}

async function simulateWithProgress(
  plan: PlannedRun,
  flags: RunFlags,
  recording: Pick<RunRecording, 'err' | 'pool'>,
  csv: RunsCsv | undefined,
): Promise<{ result: Simulated; simulationSeconds: number }> {
  const progress = startProgress(plan.runs, recording.err);
  const started = performance.now();
  let result: Simulated;
  try {
    result = await simulate(plan.loaded.compiled, {
      seed: flags.seed,
      runs: plan.runs,
      firstRun: plan.range.firstRun,
      batch: plan.batch,
      workers: plan.workers,
      pool: recording.pool,
      onProgress: progress.update,
      onRows: csv
        ? (rows) => {
            csv.write(rows);
          }
        : undefined,
      failAtRun: flags.failAtRun,
    });
  } finally {
    progress.stop();
  }
  return { result, simulationSeconds: (performance.now() - started) / 1000 };
}

/** The folder's results: a shard's partial files, or the report (summary.json, charts/, report.html). */
async function writeResults(
  folder: RunFolder,
  plan: PlannedRun,
  flags: RunFlags,
  result: Simulated,
  csv: RunsCsv | undefined,
  recording: Pick<RunRecording, 'version' | 'argv'>,
): Promise<{ files: string[]; shardEntry: ShardEntry }> {
  if (plan.shard) return writeShardFiles(folder, plan.shard, plan, flags, result, csv, recording.version);
  const files = await writeReport(
    folder,
    result.summary,
    plan.loaded.scenario,
    { command: shownCommand(recording.argv), createdAt: plan.startedAt.toISOString(), provenance: plan.provenance },
    { drawings: flags.charts !== false },
  );
  return { files, shardEntry: {} };
}

/** A shard's partial folder: scenario.json and aggregate.json, and the digest that ties them (and runs.csv) to the batch. */
function writeShardFiles(
  folder: RunFolder,
  shard: Shard,
  plan: PlannedRun,
  flags: RunFlags,
  result: Simulated,
  csv: RunsCsv | undefined,
  version: string,
): { files: string[]; shardEntry: ShardEntry } {
  const hashes: Partial<Record<ShardFile, string>> = {
    'scenario.json': sha256Hex(folder.writeJson('scenario.json', plan.loaded.scenario)),
    'aggregate.json': sha256Hex(folder.writeJson('aggregate.json', aggregateToJson(result.aggregate))),
    ...(csv ? { 'runs.csv': csv.digest() } : {}),
  };
  const identity = { index: shard.index, count: shard.count, firstRun: plan.range.firstRun, endRun: plan.range.endRun };
  const digest = shardDigest({ parley: version, modelSha256: sha256(plan.loaded.text), seed: flags.seed, batch: plan.batch, shard: identity, files: hashes });
  return { files: ['scenario.json', 'aggregate.json'], shardEntry: { shard: { ...identity, files: hashes, digest } } };
}

type ShardEntry = Record<string, unknown>;

type RunManifest = ReturnType<typeof runManifest>;

function runManifest(
  model: string,
  flags: RunFlags,
  plan: PlannedRun,
  recording: Pick<RunRecording, 'version' | 'argv'>,
  written: { files: string[]; shardEntry: ShardEntry; simulationSeconds: number; wallSeconds: number },
) {
  const { loaded } = plan;
  return {
    parley: recording.version,
    command: recording.argv.slice(2).map(shellQuote).join(' '),
    model: plan.modelRecord,
    mechanism: loaded.compiled.mechanism,
    scenario: loaded.scenario.name,
    seed: flags.seed,
    runs: flags.runs,
    firstRun: flags.firstRun,
    ...written.shardEntry,
    workers: plan.workers,
    rng: 'seedrandom alea, seeded "<seed>/<run index>"',
    node: process.version,
    startedAt: plan.startedAt.toISOString(),
    simulationSeconds: Number(written.simulationSeconds.toFixed(3)),
    wallSeconds: Number(written.wallSeconds.toFixed(3)),
    files: [...written.files, ...(flags.saveRuns ? ['runs.csv'] : [])],
  };
}

/** The line printed before simulating: the batch, a shard's share of it, and where it runs. */
function titleLine(plan: PlannedRun, flags: RunFlags): string {
  const { shard, runs, batch } = plan;
  const share = shard ? `, shard ${shard.index}/${shard.count} (${thousands(runs)} of ${thousands(batch.runs)} runs)` : '';
  // A tweaked batch is named by what it ran (variant, override digest), so its output is told apart from the base's.
  const { provenance } = plan;
  const title =
    provenance.variant === null && provenance.overrides.length === 0
      ? plan.loaded.compiled.title
      : `${plan.loaded.compiled.title} [${provenanceLabel(provenance)}]`;
  return `${runTitle({ title, runs: batch.runs, seed: flags.seed, mechanism: plan.loaded.compiled.mechanism })}${share} · ${plan.where}\n`;
}

/** The summary (none for a shard) and what was written where; with --json the folder, manifest and summary. */
function printRun(io: RunIo, flags: RunFlags, run: WrittenRun): void {
  const { plan, folder, manifest, summary } = run;
  const { shard, range, runs, batch } = plan;
  const json = { folder, manifest, ...(shard ? {} : { summary }) };
  if (shard) {
    const ran = runs === 0 ? 'no runs (a batch splits on 1,000-run chunks; there are more shards than chunks)' : `runs ${range.firstRun}–${range.endRun - 1}`;
    printOutcome(io, flags.json, {
      closing:
        `Shard ${shard.index}/${shard.count}: ${ran} of ${batch.runs} simulated in ${run.simulationSeconds.toFixed(1)} s.\n` +
        `Wrote ${folder}/ (a partial result); combine all ${shard.count} shards with: parley merge DIR... --out DIR\n`,
      json,
    });
  } else {
    printOutcome(io, flags.json, {
      text: `\n${formatSummary(summary, { title: false })}`,
      closing: `Wrote ${folder}/ (report.html, summary.json, charts/) in ${run.wallSeconds.toFixed(1)} s; simulation ${run.simulationSeconds.toFixed(1)} s ${plan.where}.\n`,
      json,
    });
  }
}

/** A run that threw: the message and the command that reproduces it alone. */
function printRunFailure(io: RunIo, model: string, flags: RunFlags, e: RunFailure): void {
  const reproduce = ['parley', 'run', model, '--seed', flags.seed, '--first-run', String(e.run), '--runs', '1', '--workers', '1'].map(shellQuote).join(' ');
  io.err.write(`parley: ${e.message}\nReproduce it with:\n  ${reproduce}\nNo run folder was written.\n`);
}
