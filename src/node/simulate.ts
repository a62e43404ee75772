/**
 * One batch of a compiled scenario, summarized: on worker threads (one per core by default), on an
 * open worker pool shared by many batches, or in this thread. The same seed and runs give the
 * same aggregate and summary whichever way, and with any number of workers.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { runParallel, type ParallelOptions, type WorkerPool } from '../parallel/run-parallel.ts';
import type { Aggregate } from '../simulation/aggregate.ts';
import { simulateInProcess } from '../simulation/in-process.ts';
import { summarize } from '../simulation/summarize.ts';
import type { Summary } from '../simulation/summary-types.ts';

export interface SimulateOptions extends ParallelOptions {
  /** Run in this thread instead of worker threads (the kernel alone; used by tests and benchmarks). */
  inProcess?: boolean;
  /** Run on this open worker pool (its size, not `workers`, decides the threads) instead of a pool of its own. */
  pool?: WorkerPool;
}

/** @deprecated the former name of SimulateOptions. */
export type BatchOptions = SimulateOptions;

export interface Simulated {
  aggregate: Aggregate;
  summary: Summary;
}

/** Simulates a batch and summarizes it. */
export async function simulate(compiled: CompiledScenario, options: SimulateOptions): Promise<Simulated> {
  const aggregate = options.inProcess
    ? simulateInProcess(compiled, options)
    : options.pool
      ? await options.pool.run(compiled, options)
      : await runParallel(compiled, options);
  return { aggregate, summary: summarize(compiled, aggregate, options.seed) };
}
