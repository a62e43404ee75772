/** The messages between the main thread and a simulation worker. */
import type { Aggregate, Batch } from '../simulation/aggregate.ts';
import type { CompiledScenario } from '../simulation/batch.ts';
import type { Chunk } from '../simulation/chunks.ts';
import type { MasterSeed, RunIndex } from '../simulation/seeding.ts';

/** Sent once, as the worker's `workerData`. */
export interface WorkerSetup {
  compiled: CompiledScenario;
  seed: MasterSeed;
  batch: Batch;
  /** Also return each run as a CSV row. */
  saveRuns: boolean;
  failAtRun?: RunIndex;
}

export type ToWorker = { type: 'chunk'; chunk: Chunk } | { type: 'stop' };

export type FromWorker =
  | { type: 'done'; chunk: Chunk; aggregate: Aggregate; rows: string }
  | { type: 'failed'; run: RunIndex; message: string; stack?: string };
