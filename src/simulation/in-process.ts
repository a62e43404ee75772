/**
 * A batch (or a range of it) in this thread: the same chunks as the parallel runner, merged the
 * same way. The kernel alone — what tests and benchmarks compare the worker pipeline against.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { createAggregate, mergeAggregates, type Aggregate, type Batch } from './aggregate.ts';
import { createRunContext, simulateRange } from './batch.ts';
import { planChunks } from './chunks.ts';
import { runCsvRow } from './run-row.ts';
import type { MasterSeed, RunIndex } from './seeding.ts';

export interface InProcessOptions {
  seed: MasterSeed;
  runs: number;
  firstRun?: RunIndex;
  batch?: Batch;
  onRows?: (rows: string) => void;
  onProgress?: (runsDone: number) => void;
  failAtRun?: RunIndex;
}

export function simulateInProcess(compiled: CompiledScenario, options: InProcessOptions): Aggregate {
  const firstRun = options.firstRun ?? 0;
  const batch = options.batch ?? { firstRun, runs: options.runs };
  const ctx = createRunContext(compiled, { undominatedOnly: true });
  const total = createAggregate(compiled, batch, firstRun);
  let done = 0;
  for (const chunk of planChunks(firstRun, firstRun + options.runs)) {
    let rows = '';
    const onRows = options.onRows;
    const part = simulateRange(ctx, {
      seed: options.seed,
      firstRun: chunk.firstRun,
      endRun: chunk.endRun,
      batch,
      failAtRun: options.failAtRun,
      onRun: onRows ? (run, c) => (rows += runCsvRow(run, c)) : undefined,
    });
    mergeAggregates(total, part);
    if (onRows && rows !== '') onRows(rows);
    done += chunk.endRun - chunk.firstRun;
    options.onProgress?.(done);
  }
  return total;
}
