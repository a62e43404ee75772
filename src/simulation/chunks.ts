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

/** Chunk k of [firstRun, endRun), computed without listing the others (0 ≤ k < chunkCount). */
export function chunkAt(firstRun: RunIndex, endRun: RunIndex, k: number, chunkRuns: number = CHUNK_RUNS): Chunk {
  const firstEnd = Math.min(endRun, (Math.floor(firstRun / chunkRuns) + 1) * chunkRuns);
  if (k === 0) return { index: 0, firstRun, endRun: firstEnd };
  const start = firstEnd + (k - 1) * chunkRuns;
  return { index: k, firstRun: start, endRun: Math.min(endRun, start + chunkRuns) };
}

/** How many chunks [firstRun, endRun) splits into. */
export function chunkCount(firstRun: RunIndex, endRun: RunIndex, chunkRuns: number = CHUNK_RUNS): number {
  if (endRun <= firstRun) return 0;
  const firstEnd = Math.min(endRun, (Math.floor(firstRun / chunkRuns) + 1) * chunkRuns);
  return 1 + Math.ceil((endRun - firstEnd) / chunkRuns);
}

export function planChunks(firstRun: RunIndex, endRun: RunIndex, chunkRuns: number = CHUNK_RUNS): Chunk[] {
  return Array.from({ length: chunkCount(firstRun, endRun, chunkRuns) }, (_, k) => chunkAt(firstRun, endRun, k, chunkRuns));
}
