/** The messages between the main thread and a simulation worker (src/parallel/worker-pool.ts). */
import type { Aggregate } from '../simulation/aggregate.ts';
import type { Batch } from '../simulation/run-range.ts';
import type { CompiledScenario } from '../simulation/batch.ts';
import type { Chunk } from '../simulation/chunks.ts';
import type { MasterSeed, RunIndex } from '../simulation/seeding.ts';

/** What a worker needs to simulate the chunks of one batch. */
export interface WorkerSetup {
  compiled: CompiledScenario;
  seed: MasterSeed;
  batch: Batch;
  /** Also return each run as a CSV row. */
  saveRuns: boolean;
  failAtRun?: RunIndex;
}

/**
 * A worker receives `batch` before the first chunk of every batch it takes part in. `compiled` is
 * sent only when the worker does not hold that scenario already; the worker then rebuilds its
 * RunContext, otherwise it keeps the one it has. Every reply names the batch it belongs to.
 */
export type ToWorker =
  | { type: 'batch'; id: number; setup: Omit<WorkerSetup, 'compiled'> & { compiled?: CompiledScenario } }
  | { type: 'chunk'; id: number; chunk: Chunk }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'done'; id: number; chunk: Chunk; aggregate: Aggregate; rows: string }
  | { type: 'failed'; id: number; run: RunIndex; message: string; stack?: string };
