/**
 * Shard folders for the merge tampering tests: honest ones made by `parley run --shard`, copies to
 * edit, and a forger who recomputes the SHA-256s and the digest after editing (anyone can: the
 * digest is not a signature), so the aggregate's invariants are what must catch the edit.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sha256Hex, shardDigest, type ShardFile } from '../../src/cli/shard-digest.ts';
import { parley as parleyInProcess } from '../helpers/cli.ts';

export type Json = Record<string, unknown>;

/**
 * Runs shards 0 … count−1 of one batch (with runs.csv unless `saveRuns` is false) into `work`/shard-K
 * through the CLI in this process (one after another, as separate `parley run --shard` calls); returns their folders.
 */
export async function runShards(work: string, options: { runs: number; count: number; seed: string; saveRuns?: boolean }): Promise<string[]> {
  const dirs: string[] = [];
  for (let k = 0; k < options.count; k++) {
    const dir = join(work, `shard-${k}`);
    const args = [
      'run',
      '--runs',
      String(options.runs),
      '--seed',
      options.seed,
      '--workers',
      '1',
      ...(options.saveRuns === false ? [] : ['--save-runs']),
      '--shard',
      `${k}/${options.count}`,
      '--out',
      dir,
    ];
    const r = await parleyInProcess(...args);
    if (r.code !== 0) throw new Error(`parley ${args.join(' ')}: ${r.stderr}`);
    dirs.push(dir);
  }
  return dirs;
}

/** Copies the shard folders into `to` (same names). */
export function copyShards(dirs: string[], to: string): string[] {
  return dirs.map((dir) => {
    const copy = join(to, basename(dir));
    cpSync(dir, copy, { recursive: true });
    return copy;
  });
}

export const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;
export const writeJson = (file: string, value: unknown) => writeFileSync(file, JSON.stringify(value, null, 2) + '\n');

/** Edits a shard's files as JSON; the digest is left as it was (a careless or accidental edit). */
export function edit(dir: string, change: { aggregate?: (agg: Json) => void; manifest?: (manifest: Json) => void }): void {
  if (change.aggregate) {
    const agg = readJson(join(dir, 'aggregate.json'));
    change.aggregate(agg);
    writeJson(join(dir, 'aggregate.json'), agg);
  }
  if (change.manifest) {
    const manifest = readJson(join(dir, 'manifest.json'));
    change.manifest(manifest);
    writeJson(join(dir, 'manifest.json'), manifest);
  }
}

/** After any edit: recomputes every file's SHA-256 and the digest in manifest.json, as a forger would. */
export function redigest(dir: string): void {
  const manifest = readJson(join(dir, 'manifest.json'));
  const shard = manifest.shard as Json & { files: Partial<Record<ShardFile, string>> };
  for (const file of Object.keys(shard.files) as ShardFile[]) shard.files[file] = sha256Hex(readFileSync(join(dir, file)));
  shard.digest = shardDigest({
    parley: manifest.parley as string,
    modelSha256: (manifest.model as Json).sha256 as string,
    seed: manifest.seed as string,
    batch: { firstRun: manifest.firstRun as number, runs: manifest.runs as number },
    shard: shard as unknown as { index: number; count: number; firstRun: number; endRun: number },
    files: shard.files,
  });
  writeJson(join(dir, 'manifest.json'), manifest);
}

/** Edits and recomputes the digest. */
export function forge(dir: string, change: { aggregate?: (agg: Json) => void; manifest?: (manifest: Json) => void }): void {
  edit(dir, change);
  redigest(dir);
}

/** The CLI in this process (as bin/parley.mjs runs it): exit code and what it printed. */
export const parley = parleyInProcess;

/** What a refused command left behind: the --out folder, or a temporary folder beside it. */
export function leftBehind(out: string): string[] {
  const name = basename(out);
  return readdirSync(dirname(out)).filter((entry) => entry === name || entry.startsWith(`.${name}.partial`));
}

export const cellsOf = (json: Json, key: string) => json[key] as number[];
