/**
 * One batch of a compiled scenario, summarized: on worker threads (one per core by default), on an
 * open worker pool shared by many batches, or in this thread. The same seed and runs give the
 * same aggregate and summary whichever way, and with any number of workers.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { runParallel, type ParallelOptions, type WorkerPool } from '../parallel/run-parallel.ts';
import type { Aggregate } from '../simulation/aggregate.ts';
import { planChunks } from '../simulation/chunks.ts';
import { requestedRange } from '../simulation/run-range.ts';
import { simulateInProcess } from '../simulation/in-process.ts';
import { summarize } from '../simulation/summarize.ts';
import type { Summary } from '../simulation/summary-types.ts';

export interface SimulateOptions extends ParallelOptions {
  /** Run in this thread instead of worker threads (the kernel alone; used by tests and benchmarks). */
  inProcess?: boolean;
  /** Run on this open worker pool (its size, not `workers`, decides the threads) instead of a pool of its own. */
  pool?: WorkerPool;
}

export interface Simulated {
  aggregate: Aggregate;
  summary: Summary;
}

/**
 * Whether `simulate` runs the batch in this thread: when asked to, or when the batch is a single
 * chunk (at most 1,000 runs) and no pool is given — a worker thread takes longer to start (about
 * 0.1 s) than the default scenario's chunk to simulate, and one chunk would use one worker anyway.
 */
export function simulatesInThisThread(options: Pick<SimulateOptions, 'runs' | 'firstRun' | 'inProcess' | 'pool'>): boolean {
  if (options.inProcess === true) return true;
  return options.pool === undefined && planChunks(requestedRange(options)).length <= 1;
}

/** Simulates a batch and summarizes it. */
export async function simulate(compiled: CompiledScenario, options: SimulateOptions): Promise<Simulated> {
  const aggregate = simulatesInThisThread(options)
    ? simulateInProcess(compiled, options)
    : options.pool
      ? await options.pool.run(compiled, options)
      : await runParallel(compiled, options);
  return { aggregate, summary: summarize(compiled, aggregate, options.seed) };
}
