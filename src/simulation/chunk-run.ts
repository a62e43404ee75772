/**
 * One chunk of a batch, simulated and folded, with its runs.csv rows when they are wanted: what a
 * worker thread does for each chunk it is sent (parallel/worker.ts) and what the in-process kernel
 * does for each chunk in turn (in-process.ts), so both give the same aggregate and rows.
 */
import type { Aggregate } from './aggregate.ts';
import { simulateRange, type RunContext } from './batch.ts';
import type { BatchRange } from './run-range.ts';
import { runCsvRow } from './run-row.ts';
import type { MasterSeed, RunIndex } from './seeding.ts';

export interface ChunkResult {
  aggregate: Aggregate;
  /** The chunk's runs.csv rows, in run order ('' unless asked for). */
  rows: string;
}

export function simulateChunk(ctx: RunContext, seed: MasterSeed, chunk: BatchRange, options: { saveRuns: boolean; failAtRun?: RunIndex }): ChunkResult {
  let rows = '';
  const aggregate = simulateRange(ctx, {
    seed,
    batch: chunk.batch,
    firstRun: chunk.firstRun,
    endRun: chunk.endRun,
    failAtRun: options.failAtRun,
    onRun: options.saveRuns ? (run, c) => (rows += runCsvRow(run, c)) : undefined,
  });
  return { aggregate, rows };
}
