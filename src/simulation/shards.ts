/**
 * Sharding a batch over machines: shard k of n gets a contiguous share of the batch's chunks, so
 * every shard's runs are exactly the runs an unsharded batch would simulate (same seeds) and the
 * shards' aggregates merge, in shard order, into the unsharded aggregate bit for bit.
 */
import { chunkAt, chunkCount } from './chunks.ts';
import { wholeBatch, type Batch, type BatchRange } from './run-range.ts';

export interface Shard {
  /** 0-based, as SLURM_ARRAY_TASK_ID (with --array=0-…) and JOB_COMPLETION_INDEX count. */
  index: number;
  count: number;
}

/** Parses "K/N" (0 ≤ K < N); returns an error message for anything else. */
export function parseShard(text: string): Shard | string {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) return `expected K/N with 0 ≤ K < N (e.g. 0/4), got "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) return `expected K/N with 0 ≤ K < N (e.g. 0/4), got "${text}"`;
  return { index, count };
}

/**
 * The runs [firstRun, endRun) of shard `shard` of `batch` (empty when there are more shards than
 * chunks). Arithmetic only, so checking a claimed range allocates nothing, however large the batch.
 */
export function shardRange(batch: Batch, shard: Shard): BatchRange {
  const whole = wholeBatch(batch);
  const chunks = chunkCount(whole);
  const from = Math.floor((shard.index * chunks) / shard.count);
  const to = Math.floor(((shard.index + 1) * chunks) / shard.count);
  if (from >= to) {
    const at = from < chunks ? chunkAt(whole, from).firstRun : whole.endRun;
    return { batch, firstRun: at, endRun: at };
  }
  return { batch, firstRun: chunkAt(whole, from).firstRun, endRun: chunkAt(whole, to - 1).endRun };
}
