/**
 * One shard folder (written by `parley run --shard K/N`) as `parley merge` reads it, trusting
 * nothing: every file's size is checked before it is read, the manifest against its schema, the
 * shard's range against the one K/N of the batch gives, each file against its SHA-256 and the
 * manifest against its digest (shard-digest.ts), and the aggregate against the table of its fields
 * (simulation/aggregate-fields.ts). Each problem is a usage error naming the shard's folder.
 */
import { createReadStream, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { formatPath } from '../scenario/problems.ts';
import type { Aggregate } from '../simulation/aggregate.ts';
import { aggregateShape } from '../simulation/aggregate-fields.ts';
import { aggregateFromJson, aggregateJsonMaxBytes } from '../simulation/aggregate-json.ts';
import { shardRange } from '../simulation/shards.ts';
import { MAX_RUN_INDEX } from '../simulation/seeding.ts';
import { openFolderFile, parseFolderJson, readFolderBytes } from './folder-files.ts';
import { sha256Hex, shardDigest, type ShardFile } from './shard-digest.ts';
import { UsageError } from '../node/usage-error.ts';

const WRITTEN_BY = 'parley run --shard';
/** A manifest holds the command line and overrides: far below this. */
const MANIFEST_MAX_BYTES = 4 * 2 ** 20;
/** The resolved scenario of the largest model the reader accepts is far below this. */
const SCENARIO_MAX_BYTES = 64 * 2 ** 20;
/** Run indices stop at 2^30 (parley run checks --first-run + --runs against it). */

const sha256 = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'missing (a shard written by a parley without shard digests? rerun it)' : 'expected a SHA-256 (64 hex digits)',
  })
  .regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 (64 hex digits)');
const runIndex = z.number().int().min(0).max(MAX_RUN_INDEX);

const shardManifestSchema = z
  .object({
    parley: z.string(),
    model: z.looseObject({ sha256 }),
    seed: z.string(),
    runs: z.number().int().min(1).max(MAX_RUN_INDEX),
    firstRun: runIndex,
    shard: z.object({
      index: runIndex,
      count: z.number().int().min(1).max(MAX_RUN_INDEX),
      firstRun: runIndex,
      endRun: runIndex,
      files: z.object({ 'scenario.json': sha256, 'aggregate.json': sha256, 'runs.csv': sha256.optional() }),
      digest: sha256,
    }),
  })
  .refine((m) => m.firstRun + m.runs <= MAX_RUN_INDEX, { error: `firstRun + runs: expected at most 2^30 (${MAX_RUN_INDEX})`, path: ['runs'] })
  .refine((m) => m.shard.index < m.shard.count, { error: 'expected 0 ≤ index < count', path: ['shard', 'index'] });

export type ShardManifest = z.infer<typeof shardManifestSchema>;

export interface ShardFolder {
  dir: string;
  manifest: ShardManifest;
  /** scenario.json as written (checked against its SHA-256). */
  scenarioText: string;
}

const problem = (where: string, what: string) => new UsageError([`${where}: ${what}`]);
const changedSinceRun = (file: string) =>
  problem(file, 'changed since parley run wrote it: its SHA-256 is not the one in manifest.json (shard.files); rerun the shard');

function readManifest(dir: string): ShardManifest {
  const file = join(dir, 'manifest.json');
  const json = parseFolderJson(file, readFolderBytes(file, WRITTEN_BY, MANIFEST_MAX_BYTES, 'a manifest can be').toString('utf8'));
  if (json === null || typeof json !== 'object' || !Object.hasOwn(json, 'shard')) {
    throw problem(file, 'shard: expected the manifest of a shard (parley run --shard K/N)');
  }
  const parsed = shardManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.slice(0, 5).map((issue) => `${file}: ${formatPath(issue.path as (string | number)[])}: ${issue.message}`));
  }
  return parsed.data;
}

function checkFileHash(dir: string, name: ShardFile, bytes: Uint8Array, manifest: ShardManifest): void {
  if (sha256Hex(bytes) !== manifest.shard.files[name]) throw changedSinceRun(join(dir, name));
}

/**
 * Reads and checks a shard's manifest, its range, scenario.json and the digest. `version`: this
 * parley's version (an aggregate's layout belongs to the version that wrote it).
 */
export function readShardFolder(dir: string, version: string): ShardFolder {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw problem(dir, `${stat ? 'not a folder' : 'no such folder'} (expected a folder written by ${WRITTEN_BY})`);
  const manifest = readManifest(dir);
  const where = join(dir, 'manifest.json');
  const { shard } = manifest;
  if (manifest.parley !== version) {
    throw problem(where, `parley: written by parley ${manifest.parley}, this is parley ${version}; merge with the version that ran the shards`);
  }
  const batch = { firstRun: manifest.firstRun, runs: manifest.runs };
  const range = shardRange(batch, shard);
  if (shard.firstRun !== range.firstRun || shard.endRun !== range.endRun) {
    throw problem(
      where,
      `shard.firstRun, shard.endRun: runs [${shard.firstRun}, ${shard.endRun}), but shard ${shard.index}/${shard.count} of a batch of ${batch.runs} runs from run ${batch.firstRun} is runs [${range.firstRun}, ${range.endRun})`,
    );
  }
  const scenarioFile = join(dir, 'scenario.json');
  const scenarioBytes = readFolderBytes(scenarioFile, WRITTEN_BY, SCENARIO_MAX_BYTES, 'a resolved scenario can be');
  checkFileHash(dir, 'scenario.json', scenarioBytes, manifest);
  const digest = shardDigest({ parley: manifest.parley, modelSha256: manifest.model.sha256, seed: manifest.seed, batch, shard, files: manifest.shard.files });
  if (digest !== shard.digest) {
    throw problem(
      where,
      'shard.digest: does not match the manifest (parley, model.sha256, seed, runs, firstRun, shard, shard.files were edited after the run); rerun the shard',
    );
  }
  return { dir, manifest, scenarioText: scenarioBytes.toString('utf8') };
}

/** The shard's aggregate.json: size bounded by the scenario before it is read, hash, then every field and invariant. */
export function readShardAggregate(shard: ShardFolder, compiled: CompiledScenario): Aggregate {
  const { manifest } = shard;
  const range = { batch: { firstRun: manifest.firstRun, runs: manifest.runs }, firstRun: manifest.shard.firstRun, endRun: manifest.shard.endRun };
  const file = join(shard.dir, 'aggregate.json');
  const bytes = readFolderBytes(file, WRITTEN_BY, aggregateJsonMaxBytes(aggregateShape(compiled, range)), "the aggregate of this scenario's shard can be");
  checkFileHash(shard.dir, 'aggregate.json', bytes, manifest);
  const agg = aggregateFromJson(parseFolderJson(file, bytes.toString('utf8')), compiled, range);
  if (typeof agg === 'string') throw problem(file, agg);
  return agg;
}

/** Checks the shard's runs.csv against its SHA-256, reading it as a stream. */
export async function checkShardRunsCsv(shard: ShardFolder): Promise<void> {
  const file = join(shard.dir, 'runs.csv');
  const expected = shard.manifest.shard.files['runs.csv'];
  if (expected === undefined)
    throw problem(file, 'not listed in manifest.json (shard.files): the shard was run without --save-runs, or the file was added since');
  const { fd } = openFolderFile(file, WRITTEN_BY);
  const hash = createHash('sha256');
  for await (const piece of createReadStream('', { fd })) hash.update(piece as Buffer);
  if (hash.digest('hex') !== expected) throw changedSinceRun(file);
}
