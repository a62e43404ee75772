/**
 * `parley run --variant all` and `parley run --mechanism all` (or both): the same batch — same
 * seed, same runs, so the same sampled instances — under every variant of the model (and the base
 * scenario) or every mechanism, each written as a run folder inside one parent folder, with a
 * comparison of them all (report.html, comparison.json, charts/) at its top.
 *
 * Every configuration is validated before anything runs; the parent folder is written under a
 * temporary name and renamed when complete, like a run folder.
 */
import { Writable } from 'node:stream';
import { join, relative } from 'node:path';
import { compare, defaultWorkers, MECHANISM_NAMES, openWorkerPool, readAndPrepare } from '../index.ts';
import { formatProblems } from '../scenario/problems.ts';
import { formatComparison, readLabelledSummary, writeComparison } from './compare-command.ts';
import { defaultRunName, openRunFolder, withRunFolder } from './run-folder.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { loadModel } from './load-model.ts';
import { runCommand, type RunFlags, type RunIo } from './run-command.ts';
import { UsageError } from '../node/usage-error.ts';
import { printOutcome } from './print-outcome.ts';
import { shownCommand } from '../node/provenance.ts';
import { batchDifferences, type BatchRecord } from '../simulation/batch-differences.ts';
import { thousands } from '../format/numbers.ts';

interface Configuration {
  label: string;
  variant?: string;
  mechanism?: string;
}

/** The configurations to run, base scenario first; throws a usage error for a bad model or flags. */
export function configurationsOf(model: string, flags: RunFlags): Configuration[] {
  if (flags.shard !== undefined) throw new UsageError(['--shard: cannot be combined with --variant all or --mechanism all (shard each batch separately)']);
  const base = readAndPrepare(model, [], undefined);
  if (!base.ok) throw new UsageError(formatProblems(base.problems));
  const variantNames = Object.keys(base.scenario.variants);
  let variants: (string | undefined)[];
  if (flags.variant === 'all') {
    if (variantNames.length === 0) throw new UsageError([`${model}: --variant all: the model has no variants (add a variants: section)`]);
    variants = [undefined, ...variantNames];
  } else {
    variants = [flags.variant];
  }
  // The base scenario's batch is "base", unless a variant has that name.
  const baseLabel = variantNames.includes('base') ? 'no-variant' : 'base';
  const mechanisms: (string | undefined)[] = flags.mechanism === 'all' ? [...MECHANISM_NAMES] : [flags.mechanism];
  const configurations = variants.flatMap((variant) =>
    mechanisms.map((mechanism) => {
      const parts = [...(flags.variant === 'all' ? [variant ?? baseLabel] : []), ...(flags.mechanism === 'all' ? [mechanism!] : [])];
      return { label: parts.join('--'), variant, mechanism };
    }),
  );
  // Validate every configuration now, so a bad one fails before any batch runs.
  for (const c of configurations) loadModel(model, { set: flags.set, variant: c.variant, mechanism: c.mechanism }, { label: c.label });
  return configurations;
}

const discard = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

export async function runAllCommand(model: string, flags: RunFlags, io: RunIo): Promise<number> {
  const startedAt = new Date();
  const configurations = configurationsOf(model, flags);
  const loaded = readAndPrepare(model, [], undefined);
  const scenarioName = loaded.ok ? loaded.scenario.name : 'scenario';
  const kind = [...(flags.variant === 'all' ? ['variants'] : []), ...(flags.mechanism === 'all' ? ['mechanisms'] : [])].join('-');
  const folder = openRunFolder(flags.out, join('runs', `${defaultRunName(scenarioName, startedAt)}-${kind}`));
  return withRunFolder(folder, async () => {
    const entries = [];
    const records: BatchRecord[] = [];
    // One set of worker threads for every batch (each batch would otherwise start its own).
    const workers = flags.workers ?? defaultWorkers();
    const pool = openWorkerPool(workers);
    try {
      for (const c of configurations) {
        io.err.write(`${c.label}: ${thousands(flags.runs)} runs…\n`);
        const code = await runCommand(
          model,
          { ...flags, json: false, workers, variant: c.variant, mechanism: c.mechanism, out: folder.path(c.label) },
          { ...io, out: discard() },
          pool,
        );
        if (code !== 0) {
          folder.discard();
          return code;
        }
        const read = readLabelledSummary(folder.path(c.label));
        entries.push({ label: c.label, folder: c.label, summary: read.summary });
        records.push({ ...read.record, label: c.label });
      }
    } finally {
      await pool.close();
    }
    const comparison = compare(entries);
    const command = io.argv.slice(2).map(shellQuote).join(' ');
    const files = await writeComparison(
      folder,
      comparison,
      {
        title: `${loaded.ok ? loaded.scenario.title : scenarioName}: ${kind.replace('-', ' and ')} compared`,
        command: shownCommand(io.argv),
        createdAt: startedAt.toISOString(),
      },
      { drawings: flags.charts !== false },
      records,
    );
    const manifest = {
      parley: io.version,
      command,
      model,
      seed: flags.seed,
      runs: flags.runs,
      batches: configurations,
      startedAt: startedAt.toISOString(),
      files,
    };
    folder.writeJson('manifest.json', manifest);
    const written = relative(process.cwd(), folder.commit()) || '.';
    printOutcome(io, flags.json, {
      text: formatComparison(comparison, records),
      closing: `Wrote ${written}/ (report.html comparing ${entries.length} batches; one run folder each inside).\n`,
      json: { folder: written, manifest, comparison: { ...comparison, differences: batchDifferences(records) } },
    });
    return 0;
  });
}
