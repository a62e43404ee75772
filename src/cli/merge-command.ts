/**
 * `parley merge DIR... --out DIR`: combines the partial folders of `parley run --shard K/N` into
 * the run folder one unsharded run gives — the same summary.json byte for byte, the same charts —
 * after checking that the shards come from one model, seed and batch and cover it exactly once.
 */
import { readFileSync, existsSync } from 'node:fs';
import { readFolderJson, readFolderText } from './folder-files.ts';
import { join, relative } from 'node:path';
import { aggregateFromJson, compileScenario, createAggregate, formatProblem, mergeAggregates, summarize, validateScenario, writeReport, type Aggregate } from '../index.ts';
import { openRunFolder, withRunFolder } from './run-folder.ts';
import { formatSummary } from './summary-table.ts';
import { shellQuote } from './shell-quote.ts';
import { UsageError } from './usage-error.ts';

interface ShardManifest {
  scenario: string;
  seed: string;
  runs: number;
  firstRun: number;
  model: { sha256: string };
  shard: { index: number; count: number; firstRun: number; endRun: number };
}

const SHARD = 'parley run --shard';
const readText = (file: string) => readFolderText(file, SHARD);
const readJson = (file: string) => readFolderJson(file, SHARD);

function readManifest(dir: string): ShardManifest {
  const file = join(dir, 'manifest.json');
  const m = readJson(file) as Partial<ShardManifest> | null;
  const s = m?.shard;
  if (!m || typeof m.seed !== 'string' || typeof m.runs !== 'number' || typeof m.firstRun !== 'number' || !s || typeof s.index !== 'number' || typeof s.count !== 'number') {
    throw new UsageError([`${file}: shard: expected the manifest of a shard (parley run --shard K/N)`]);
  }
  return m as ShardManifest;
}

export async function mergeCommand(dirs: string[], flags: { out?: string }, io: { out: NodeJS.WritableStream; version: string; argv: string[] }): Promise<number> {
  const startedAt = new Date();
  if (dirs.length === 0) throw new UsageError(['merge: expected the shard folders to combine']);
  const shards = dirs.map((dir) => ({ dir, manifest: readManifest(dir), scenarioText: readText(join(dir, 'scenario.json')) }));
  const first = shards[0];
  const problems: string[] = [];
  for (const s of shards.slice(1)) {
    const m = s.manifest;
    if (m.seed !== first.manifest.seed) problems.push(`${s.dir}: seed "${m.seed}" differs from ${first.dir}'s "${first.manifest.seed}"`);
    if (m.runs !== first.manifest.runs || m.firstRun !== first.manifest.firstRun) problems.push(`${s.dir}: a batch of ${m.runs} runs from ${m.firstRun}, but ${first.dir} has ${first.manifest.runs} from ${first.manifest.firstRun}`);
    if (m.shard.count !== first.manifest.shard.count) problems.push(`${s.dir}: one of ${m.shard.count} shards, but ${first.dir} is one of ${first.manifest.shard.count}`);
    if (s.scenarioText !== first.scenarioText) problems.push(`${s.dir}: scenario.json differs from ${first.dir}'s (not the same model)`);
  }
  const count = first.manifest.shard.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const other = seen.get(s.manifest.shard.index);
    if (other !== undefined) problems.push(`${s.dir}: shard ${s.manifest.shard.index}/${count} is also in ${other}`);
    seen.set(s.manifest.shard.index, s.dir);
  }
  const missing = Array.from({ length: count }, (_, k) => k).filter((k) => !seen.has(k));
  if (missing.length > 0) problems.push(`missing shard${missing.length === 1 ? '' : 's'} ${missing.map((k) => `${k}/${count}`).join(', ')}`);
  if (problems.length > 0) throw new UsageError(problems);

  const validated = validateScenario(JSON.parse(first.scenarioText), join(first.dir, 'scenario.json'));
  if (!validated.ok) throw new UsageError(validated.problems.map(formatProblem));
  const scenario = validated.scenario;
  const compiled = compileScenario(scenario);

  const batch = { firstRun: first.manifest.firstRun, runs: first.manifest.runs };
  const total: Aggregate = createAggregate(compiled, batch);
  for (const s of [...shards].sort((a, b) => a.manifest.shard.index - b.manifest.shard.index)) {
    const file = join(s.dir, 'aggregate.json');
    const part = aggregateFromJson(readJson(file), compiled);
    if (typeof part === 'string') throw new UsageError([`${file}: ${part}`]);
    if (part.firstRun !== total.endRun) throw new UsageError([`${file}: covers runs from ${part.firstRun}, expected ${total.endRun}`]);
    mergeAggregates(total, part);
  }
  const summary = summarize(compiled, total, first.manifest.seed);

  const folder = openRunFolder(flags.out, join('runs', `${scenario.name}-merged`));
  const ordered = [...shards].sort((a, b) => a.manifest.shard.index - b.manifest.shard.index);
  return withRunFolder(folder, async () => {
    const files = await writeReport(folder, summary, scenario, { command: io.argv.slice(1).map(shellQuote).join(' '), createdAt: startedAt.toISOString() });
    // Per-run rows: when every shard saved them, one runs.csv in run order (the header once).
    if (ordered.every((s) => existsSync(join(s.dir, 'runs.csv')))) {
      const parts = ordered.map((s, k) => {
        const text = readFileSync(join(s.dir, 'runs.csv'), 'utf8');
        return k === 0 ? text : text.slice(text.indexOf('\n') + 1);
      });
      folder.write('runs.csv', parts.join(''));
      files.push('runs.csv');
    }
    folder.writeJson('manifest.json', {
      parley: io.version,
      command: io.argv.slice(2).map(shellQuote).join(' '),
      model: first.manifest.model,
      scenario: scenario.name,
      seed: first.manifest.seed,
      runs: batch.runs,
      firstRun: batch.firstRun,
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
