/**
 * A shard's digest: SHA-256 over what identifies the shard — the parley version that ran it, the
 * model file's SHA-256, the seed, the batch, the shard K/N and its range — and the SHA-256 of each
 * file the shard folder holds (scenario.json, aggregate.json, runs.csv). `parley run --shard`
 * writes both into manifest.json; `parley merge` recomputes them.
 *
 * It catches a file or a manifest changed after the run — by hand, by a broken copy, a shard from
 * another batch renamed — but it is not a signature: anyone can recompute it. What catches a
 * hand-edited count whose digest was recomputed too are the aggregate's invariants
 * (simulation/aggregate-fields.ts).
 */
import { createHash } from 'node:crypto';
import type { Batch } from '../simulation/run-range.ts';

export const SHARD_FILES = ['scenario.json', 'aggregate.json', 'runs.csv'] as const;
export type ShardFile = (typeof SHARD_FILES)[number];

export interface ShardIdentity {
  parley: string;
  modelSha256: string;
  seed: string;
  batch: Batch;
  shard: { index: number; count: number; firstRun: number; endRun: number };
  /** SHA-256 (hex) of each file the folder holds; runs.csv only with --save-runs. */
  files: Partial<Record<ShardFile, string>>;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function shardDigest(id: ShardIdentity): string {
  // A JSON array of plain values in a fixed order is a canonical text: one identity, one digest.
  const canonical = [
    'parley shard digest 1',
    id.parley,
    id.modelSha256,
    id.seed,
    id.batch.firstRun,
    id.batch.runs,
    id.shard.index,
    id.shard.count,
    id.shard.firstRun,
    id.shard.endRun,
    ...SHARD_FILES.map((file) => id.files[file] ?? null),
  ];
  return sha256Hex(JSON.stringify(canonical));
}
