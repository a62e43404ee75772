/**
 * `parley run`: validate the model, simulate the batch in worker threads, and write the run
 * folder — manifest.json, scenario.json (the resolved scenario), summary.json, charts/ (Vega-Lite
 * specs and SVGs), report.html, and runs.csv with --save-runs — through a temporary folder that
 * is renamed into place when everything is written.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join, relative } from 'node:path';
import { finished } from 'node:stream/promises';
import { formatProblem, readAndPrepare, RunFailure, simulateBatch } from '../index.ts';
import { runCsvHeader } from '../simulation/run-row.ts';
import { defaultWorkers } from '../parallel/run-parallel.ts';
import { writeCharts } from './write-charts.ts';
import { startProgress } from './progress.ts';
import { defaultRunName, RunFolder } from './run-folder.ts';
import { formatSummary } from './summary-table.ts';
import { UsageError } from './usage-error.ts';

export interface RunFlags {
  runs: number;
  seed: string;
  workers?: number;
  out?: string;
  saveRuns?: boolean;
  firstRun: number;
  failAtRun?: number;
}

export interface RunIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  version: string;
  argv: string[];
}

function shellQuote(word: string): string {
  return /^[\w./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export async function runCommand(model: string, flags: RunFlags, io: RunIo): Promise<number> {
  const startedAt = new Date();
  const loaded = readAndPrepare(model);
  if (!loaded.ok) throw new UsageError(loaded.problems.map(formatProblem));
  const { scenario, compiled } = loaded;

  if (flags.out !== undefined && flags.out.trim() === '') throw new UsageError(['--out: expected a folder path, got an empty one']);
  const destination = flags.out ?? join('runs', defaultRunName(scenario.name, startedAt));
  const taken = RunFolder.check(destination);
  if (taken) throw new UsageError([taken]);
  const workers = flags.workers ?? defaultWorkers();

  let folder: RunFolder;
  try {
    folder = RunFolder.open(destination);
  } catch (e) {
    throw new UsageError([`--out: cannot create ${destination}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`]);
  }
  const cleanUp = () => {
    folder.discard();
    process.exit(130);
  };
  process.once('SIGINT', cleanUp);
  let csv: WriteStream | undefined;
  try {
    if (flags.saveRuns) {
      csv = createWriteStream(folder.path('runs.csv'));
      // A write error (disk full) surfaces when the stream is finished, below, not as a crash.
      csv.on('error', () => {});
      csv.write(runCsvHeader(compiled));
    }
    const progress = startProgress(flags.runs);
    const started = performance.now();
    let summaryResult;
    try {
      summaryResult = await simulateBatch(compiled, {
        seed: flags.seed,
        runs: flags.runs,
        firstRun: flags.firstRun,
        workers,
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
    const { summary } = summaryResult;

    folder.writeJson('summary.json', summary);
    folder.writeJson('scenario.json', scenario);
    const charts = await writeCharts(folder, summary, { command: io.argv.slice(1).map(shellQuote).join(' '), createdAt: startedAt.toISOString() });
    const wallSeconds = (Date.now() - startedAt.getTime()) / 1000;
    folder.writeJson('manifest.json', {
      parley: io.version,
      command: io.argv.slice(2).map(shellQuote).join(' '),
      model: { file: model, sha256: createHash('sha256').update(loaded.text).digest('hex') },
      scenario: scenario.name,
      seed: flags.seed,
      runs: flags.runs,
      firstRun: flags.firstRun,
      workers,
      rng: 'seedrandom alea, seeded "<seed>/<run index>"',
      node: process.version,
      startedAt: startedAt.toISOString(),
      simulationSeconds: Number(simulationSeconds.toFixed(3)),
      wallSeconds: Number(wallSeconds.toFixed(3)),
      files: ['summary.json', 'scenario.json', 'report.html', ...charts.map((c) => `charts/${c}`), ...(flags.saveRuns ? ['runs.csv'] : [])],
    });
    const written = folder.commit();
    io.out.write(`${formatSummary(summary)}\n\n`);
    io.out.write(`Wrote ${relative(process.cwd(), written) || '.'}/ (report.html, summary.json, charts/) in ${wallSeconds.toFixed(1)} s; simulation ${simulationSeconds.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'}.\n`);
    return 0;
  } catch (e) {
    csv?.destroy();
    folder.discard();
    if (e instanceof RunFailure) {
      const reproduce = ['parley', 'run', model, '--seed', flags.seed, '--first-run', String(e.run), '--runs', '1', '--workers', '1'].map(shellQuote).join(' ');
      io.err.write(`parley: ${e.message}\nReproduce it with:\n  ${reproduce}\nNo run folder was written.\n`);
      return 1;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', cleanUp);
  }
}
