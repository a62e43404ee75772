/**
 * `parley merge DIR... --out DIR`: combines the partial folders of `parley run --shard K/N` into
 * the run folder one unsharded run gives — the same summary.json byte for byte, the same charts —
 * after checking each shard (shard-folder.ts: sizes, manifest, range, SHA-256s, digest, the
 * aggregate's invariants) and that the shards come from one parley, model, seed and batch and
 * cover it exactly once. Nothing is written unless every check passes.
 */
import { createReadStream, createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join, relative } from 'node:path';
import type { CompiledScenario, Scenario, Summary } from '../index.ts';
import { createAggregate, formatProblem, mergeAggregates, summarize, tryPrepareScenario, validateScenario, writeReport, type Aggregate } from '../index.ts';
import { parseFolderJson } from './folder-files.ts';
import { openRunFolder, withRunFolder } from './run-folder.ts';
import { checkShardRunsCsv, readShardAggregate, readShardFolder, type ShardFolder } from './shard-folder.ts';
import { formatSummary } from './summary-table.ts';
import { shellQuote } from '../node/shell-quote.ts';
import { provenanceOf, shownCommand } from '../node/provenance.ts';
import { UsageError } from '../node/usage-error.ts';
import { thousands } from '../format/numbers.ts';

export interface MergedShards {
  /** In shard order. */
  shards: ShardFolder[];
  scenario: Scenario;
  compiled: CompiledScenario;
  aggregate: Aggregate;
  summary: Summary;
  /** Every shard has a (checked) runs.csv. */
  runsCsv: boolean;
}

/** What makes the shards not one batch: another seed, batch, model, scenario; a shard twice or missing. */
function crossShardProblems(shards: ShardFolder[]): string[] {
  const [first, ...others] = shards;
  const m0 = first.manifest;
  const problems: string[] = [];
  for (const { dir, manifest: m } of others) {
    if (m.seed !== m0.seed) problems.push(`${dir}: seed "${m.seed}" differs from ${first.dir}'s "${m0.seed}"`);
    if (m.shard.count !== m0.shard.count) problems.push(`${dir}: one of ${m.shard.count} shards, but ${first.dir} is one of ${m0.shard.count}`);
    if (m.runs !== m0.runs || m.firstRun !== m0.firstRun)
      problems.push(`${dir}: a batch of ${m.runs} runs from ${m.firstRun}, but ${first.dir} has ${m0.runs} from ${m0.firstRun}`);
    if (m.model.sha256 !== m0.model.sha256)
      problems.push(
        `${dir}: model file SHA-256 ${m.model.sha256.slice(0, 12)}… differs from ${first.dir}'s ${m0.model.sha256.slice(0, 12)}… (not the same model)`,
      );
    if (m.shard.files['scenario.json'] !== m0.shard.files['scenario.json'])
      problems.push(`${dir}: scenario.json differs from ${first.dir}'s (not the same model and overrides)`);
  }
  const count = m0.shard.count;
  const seen = new Map<number, string>();
  for (const { dir, manifest } of shards) {
    const other = seen.get(manifest.shard.index);
    if (other !== undefined) problems.push(`${dir}: shard ${manifest.shard.index}/${count} is also in ${other}`);
    seen.set(manifest.shard.index, dir);
  }
  // N comes from a file: list the first missing shards without a loop as long as N.
  if (seen.size < count) {
    const missing: string[] = [];
    for (let k = 0; missing.length < 10 && k < count; k++) if (!seen.has(k)) missing.push(`${k}/${count}`);
    const more = count - seen.size - missing.length;
    problems.push(`missing shard${count - seen.size === 1 ? '' : 's'} ${missing.join(', ')}${more > 0 ? ` and ${thousands(more)} more` : ''}`);
  }
  return problems;
}

/**
 * Reads, checks and merges the shard folders `dirs`, writing nothing; a problem is a UsageError
 * that names the shard's folder (or file) and what is wrong.
 */
export async function mergeShardFolders(dirs: string[], version: string): Promise<MergedShards> {
  if (dirs.length === 0) throw new UsageError(['merge: expected the shard folders to combine']);
  const given = dirs.map((dir) => readShardFolder(dir, version));
  const problems = crossShardProblems(given);
  if (problems.length > 0) throw new UsageError(problems);
  const shards = [...given].sort((a, b) => a.manifest.shard.index - b.manifest.shard.index);

  const scenarioFile = join(shards[0].dir, 'scenario.json');
  const validated = validateScenario(parseFolderJson(scenarioFile, shards[0].scenarioText), scenarioFile);
  if (!validated.ok) throw new UsageError(validated.problems.map(formatProblem));
  const scenario = validated.scenario;
  const prepared = tryPrepareScenario(scenario, scenarioFile);
  if (!prepared.ok) throw new UsageError(prepared.problems.map(formatProblem));
  const compiled = prepared.compiled;

  const { seed, firstRun, runs } = shards[0].manifest;
  const aggregate = createAggregate(compiled, { firstRun, runs });
  for (const shard of shards) mergeAggregates(aggregate, readShardAggregate(shard, compiled));

  const withCsv = shards.filter((s) => s.manifest.shard.files['runs.csv'] !== undefined || existsSync(join(s.dir, 'runs.csv')));
  for (const shard of withCsv) await checkShardRunsCsv(shard);
  return { shards, scenario, compiled, aggregate, summary: summarize(compiled, aggregate, seed), runsCsv: withCsv.length === shards.length };
}

/** Appends a shard's runs.csv to `target`, without its header line when `skipHeader`. */
async function appendRunsCsv(target: WriteStream, file: string, skipHeader: boolean): Promise<void> {
  let skipping = skipHeader;
  for await (const piece of createReadStream(file)) {
    let bytes = piece as Buffer;
    if (skipping) {
      const newline = bytes.indexOf(10);
      if (newline < 0) continue;
      bytes = bytes.subarray(newline + 1);
      skipping = false;
    }
    if (!target.write(bytes)) await once(target, 'drain');
  }
}

export async function mergeCommand(
  dirs: string[],
  flags: { out?: string },
  io: { out: NodeJS.WritableStream; version: string; argv: string[] },
): Promise<number> {
  const startedAt = new Date();
  const merged = await mergeShardFolders(dirs, io.version);
  const { shards, scenario, summary } = merged;
  const first = shards[0].manifest;

  const folder = openRunFolder(flags.out, join('runs', `${scenario.name}-merged`));
  return withRunFolder(folder, async () => {
    const files = await writeReport(folder, summary, scenario, {
      command: shownCommand(io.argv),
      createdAt: startedAt.toISOString(),
      provenance: provenanceOf(scenario.name, first.model),
    });
    // Per-run rows: when every shard saved them, one runs.csv in run order (the header once).
    if (merged.runsCsv) {
      const target = createWriteStream(folder.path('runs.csv'));
      for (const [k, shard] of shards.entries()) await appendRunsCsv(target, join(shard.dir, 'runs.csv'), k > 0);
      target.end();
      await finished(target);
      files.push('runs.csv');
    }
    folder.writeJson('manifest.json', {
      parley: io.version,
      command: io.argv.slice(2).map(shellQuote).join(' '),
      model: first.model,
      scenario: scenario.name,
      seed: first.seed,
      runs: first.runs,
      firstRun: first.firstRun,
      mergedFrom: shards.map((s) => ({ dir: s.dir, shard: s.manifest.shard })),
      node: process.version,
      startedAt: startedAt.toISOString(),
      files,
    });
    const written = relative(process.cwd(), folder.commit()) || '.';
    io.out.write(`${formatSummary(summary)}\n\nMerged ${shards.length} shards into ${written}/ (report.html, summary.json, charts/).\n`);
    return 0;
  });
}
