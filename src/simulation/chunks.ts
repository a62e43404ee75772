/**
 * Splitting a range of runs into chunks. Chunk boundaries sit at multiples of CHUNK_RUNS in run
 * index — whatever the number of workers or shards — so partial aggregates always cover the same
 * runs and merging them in order always adds the same numbers in the same order.
 */
import { rangeRuns, type RunRange } from './run-range.ts';

/** Runs per chunk: large enough that messages are rare, small enough to balance two cores. */
export const CHUNK_RUNS = 1000;

/** The k-th chunk of a range. */
export interface Chunk extends RunRange {
  index: number;
}

/** Chunk k of the range, computed without listing the others (0 ≤ k < chunkCount). */
export function chunkAt(range: RunRange, k: number, chunkRuns: number = CHUNK_RUNS): Chunk {
  const { firstRun, endRun } = range;
  const firstEnd = Math.min(endRun, (Math.floor(firstRun / chunkRuns) + 1) * chunkRuns);
  if (k === 0) return { index: 0, firstRun, endRun: firstEnd };
  const start = firstEnd + (k - 1) * chunkRuns;
  return { index: k, firstRun: start, endRun: Math.min(endRun, start + chunkRuns) };
}

/** How many chunks the range splits into. */
export function chunkCount(range: RunRange, chunkRuns: number = CHUNK_RUNS): number {
  const { firstRun, endRun } = range;
  if (rangeRuns(range) <= 0) return 0;
  const firstEnd = Math.min(endRun, (Math.floor(firstRun / chunkRuns) + 1) * chunkRuns);
  return 1 + Math.ceil((endRun - firstEnd) / chunkRuns);
}

export function planChunks(range: RunRange, chunkRuns: number = CHUNK_RUNS): Chunk[] {
  return Array.from({ length: chunkCount(range, chunkRuns) }, (_, k) => chunkAt(range, k, chunkRuns));
}
