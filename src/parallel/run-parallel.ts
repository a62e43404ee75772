/**
 * Runs one batch over a pool of worker threads: opens a worker pool (worker-pool.ts), runs the
 * batch, closes the pool. Workers pull chunks of runs one at a time (so a slow chunk does not hold
 * the others up); the main thread merges the chunks' aggregates strictly in run-index order as they
 * become contiguous, so memory holds at most the chunks that arrived early, and the result does
 * not depend on the number of workers.
 *
 * If a run throws, every worker is stopped and the promise rejects with a RunFailure naming the
 * run; a worker that dies or exits early also rejects. It never hangs on a lost chunk.
 *
 * Many batches in a row: open one pool with openWorkerPool and give it each batch instead.
 */
import type { Aggregate } from '../simulation/aggregate.ts';
import type { CompiledScenario } from '../simulation/batch.ts';
import { defaultWorkers, openWorkerPool, type ParallelOptions } from './worker-pool.ts';

export { defaultWorkers, openWorkerPool, type ParallelOptions, type WorkerPool } from './worker-pool.ts';

export async function runParallel(compiled: CompiledScenario, options: ParallelOptions): Promise<Aggregate> {
  const pool = openWorkerPool(options.workers ?? defaultWorkers());
  try {
    return await pool.run(compiled, options);
  } finally {
    await pool.close();
  }
}
