/**
 * The messages between the explorer page and its simulation workers (Web Workers running
 * explore-worker.ts), the page-side twin of src/parallel/messages.ts. Every batch has an id; a
 * worker receives the batch (the compiled scenario, the seed, the whole batch's extent) and then
 * chunks of it one at a time, and answers each chunk with its aggregate. A reply whose id is not
 * the current batch's belongs to a cancelled batch and is dropped by the page.
 */
import type { Aggregate, Batch, Chunk, CompiledScenario } from '../core.ts';

/**
 * Runs per chunk in the page: smaller than the CLI's CHUNK_RUNS so the first headline shows
 * within a fraction of a second. Aggregates merge exactly (aggregate.ts), so any chunking gives
 * the same bits as the CLI's.
 */
export const EXPLORE_CHUNK_RUNS = 250;

/** The first chunk each worker takes is smaller still: the first headline waits for one of them. */
export const FIRST_CHUNK_RUNS = 100;

/** A batch of `runs` runs as chunks for `workers` workers: one of FIRST_CHUNK_RUNS each first, then EXPLORE_CHUNK_RUNS. */
export function exploreChunks(runs: number, workers: number): Chunk[] {
  const chunks: Chunk[] = [];
  for (let firstRun = 0; firstRun < runs;) {
    const size = chunks.length < workers ? FIRST_CHUNK_RUNS : EXPLORE_CHUNK_RUNS;
    const endRun = Math.min(runs, firstRun + size);
    chunks.push({ index: chunks.length, firstRun, endRun });
    firstRun = endRun;
  }
  return chunks;
}

export type ToExploreWorker =
  { type: 'batch'; id: number; compiled: CompiledScenario; seed: string; batch: Batch } | { type: 'chunk'; id: number; chunk: Chunk };

export type FromExploreWorker = { type: 'done'; id: number; chunk: Chunk; aggregate: Aggregate } | { type: 'failed'; id: number; run: number; message: string };

/** The typed arrays' buffers of an aggregate, to hand over with postMessage instead of copying. */
export function aggregateBuffers(aggregate: Aggregate): ArrayBuffer[] {
  return Object.values(aggregate).flatMap((v) => (ArrayBuffer.isView(v) ? [v.buffer as ArrayBuffer] : []));
}
