/**
 * The CLI side of an analysis's batches: each batch in the worker pool, one progress bar over all
 * of them (on stderr, only when it is a terminal), and the model's identity for the manifest.
 */
import { createHash } from 'node:crypto';
import type { BatchRunner } from '../analysis/batch-runner.ts';
import { runParallel } from '../parallel/run-parallel.ts';
import { startProgress, type Progress } from './progress.ts';

/** A BatchRunner over the worker pool whose progress bar counts the runs of all `batches` batches. */
export function workerPoolRunner(workers: number, totalRuns: number): { simulate: BatchRunner; progress: Progress } {
  const progress = startProgress(totalRuns);
  let finished = 0;
  const simulate: BatchRunner = async (compiled, batch) => {
    const aggregate = await runParallel(compiled, { seed: batch.seed, runs: batch.runs, workers, onRows: batch.onRows, onProgress: (done) => progress.update(finished + done) });
    finished += batch.runs;
    return aggregate;
  };
  return { simulate, progress };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
