/**
 * A batch (or a range of it) in this thread: the same chunks as the parallel runner, merged the
 * same way. The kernel alone — what tests and benchmarks compare the worker pipeline against.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { createAggregate, mergeAggregates, type Aggregate } from './aggregate.ts';
import { createRunContext } from './batch.ts';
import { simulateChunk } from './chunk-run.ts';
import { planChunks } from './chunks.ts';
import { rangeRuns, requestedRange, type BatchRequest } from './run-range.ts';

export function simulateInProcess(compiled: CompiledScenario, request: BatchRequest): Aggregate {
  const range = requestedRange(request);
  const ctx = createRunContext(compiled, { undominatedOnly: true });
  const total = createAggregate(compiled, range.batch, range.firstRun);
  const saveRuns = request.onRows !== undefined;
  let done = 0;
  for (const chunk of planChunks(range)) {
    const { aggregate, rows } = simulateChunk(ctx, request.seed, { ...chunk, batch: range.batch }, { saveRuns, failAtRun: request.failAtRun });
    mergeAggregates(total, aggregate);
    if (rows !== '') request.onRows?.(rows);
    done += rangeRuns(chunk);
    request.onProgress?.(done);
  }
  return total;
}
