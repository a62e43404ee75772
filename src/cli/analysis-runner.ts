/**
 * The CLI side of an analysis's batches: all of them on one worker pool (its workers started once),
 * one progress bar over all of them (on stderr, only when it is a terminal), and the model's
 * identity for the manifest.
 */
import { createHash } from 'node:crypto';
import type { BatchRunner } from '../analysis/batch-runner.ts';
import { openWorkerPool } from '../parallel/worker-pool.ts';
import { startProgress, type Progress } from './progress.ts';

/**
 * A BatchRunner over one pool of `workers` worker threads whose progress bar counts `totalRuns`
 * runs over all batches. Call close() when done (in a finally): it stops the workers.
 */
export function workerPoolRunner(workers: number, totalRuns: number): { simulate: BatchRunner; progress: Progress; close: () => Promise<void> } {
  const progress = startProgress(totalRuns);
  const pool = openWorkerPool(workers);
  let finished = 0;
  const simulate: BatchRunner = async (compiled, batch) => {
    const aggregate = await pool.run(compiled, { seed: batch.seed, runs: batch.runs, onRows: batch.onRows, onProgress: (done) => progress.update(finished + done) });
    finished += batch.runs;
    return aggregate;
  };
  return { simulate, progress, close: () => pool.close() };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
