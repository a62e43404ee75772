/**
 * Splitting a range of runs into chunks. Chunk boundaries sit at multiples of CHUNK_RUNS in run
 * index — whatever the number of workers or shards — so partial aggregates always cover the same
 * runs and merging them in order always adds the same numbers in the same order.
 */
import type { RunIndex } from './seeding.ts';

/** Runs per chunk: large enough that messages are rare, small enough to balance two cores. */
export const CHUNK_RUNS = 1000;

export interface Chunk {
  index: number;
  firstRun: RunIndex;
  endRun: RunIndex;
}

export function planChunks(firstRun: RunIndex, endRun: RunIndex, chunkRuns: number = CHUNK_RUNS): Chunk[] {
  const chunks: Chunk[] = [];
  let start = firstRun;
  while (start < endRun) {
    const end = Math.min(endRun, (Math.floor(start / chunkRuns) + 1) * chunkRuns);
    chunks.push({ index: chunks.length, firstRun: start, endRun: end });
    start = end;
  }
  return chunks;
}
