/**
 * Which runs a piece of work covers, in one vocabulary for the kernel, the worker pool, shards and
 * the CLI. A batch is the runs [firstRun, firstRun + runs) of one master seed (what `--first-run`
 * and `--runs` say, and what a run folder records); chunks, shards and a worker's share are
 * half-open ranges [firstRun, endRun) of it. The batch stays beside a range because it fixes where
 * the convergence trace has its points, whichever part of it a range is.
 *
 * A request for a batch (`BatchRequest`) is what every simulator takes — in this thread, on worker
 * threads, on an open pool, for an analysis — so the conversion from (firstRun, runs) to a range
 * happens here once (`requestedRange`).
 */
import type { MasterSeed, RunIndex } from './seeding.ts';

/** A batch: the runs [firstRun, firstRun + runs) of one seed. */
export interface Batch {
  firstRun: RunIndex;
  runs: number;
}

/** The runs [firstRun, endRun). */
export interface RunRange {
  firstRun: RunIndex;
  endRun: RunIndex;
}

/** A range of the runs of `batch`. */
export interface BatchRange extends RunRange {
  batch: Batch;
}

/** How many runs a range holds. */
export function rangeRuns(range: RunRange): number {
  return range.endRun - range.firstRun;
}

/** The whole batch as a range. */
export function wholeBatch(batch: Batch): BatchRange {
  return { batch, firstRun: batch.firstRun, endRun: batch.firstRun + batch.runs };
}

/** Whether run `run` belongs to the range. */
export function inRange(range: RunRange, run: RunIndex): boolean {
  return run >= range.firstRun && run < range.endRun;
}

/** One batch to simulate, as every simulator takes it (in-process.ts, parallel/worker-pool.ts, node/simulate.ts). */
export interface BatchRequest {
  seed: MasterSeed;
  /** Simulate runs [firstRun, firstRun + runs) … */
  runs: number;
  firstRun?: RunIndex;
  /** … of this batch (default: exactly those runs); it fixes the convergence trace's points. */
  batch?: Batch;
  /** Called with each chunk's runs.csv rows, in run order (enables per-run rows). */
  onRows?: (rows: string) => void;
  /** Called as runs complete (in any order), with the number done so far. */
  onProgress?: (runsDone: number) => void;
  /** Testing aid: this run throws, to exercise the failure path. */
  failAtRun?: RunIndex;
}

/** The runs a request asks for, with their batch (defaults filled in). */
export function requestedRange(request: Pick<BatchRequest, 'runs' | 'firstRun' | 'batch'>): BatchRange {
  const firstRun = request.firstRun ?? 0;
  return { batch: request.batch ?? { firstRun, runs: request.runs }, firstRun, endRun: firstRun + request.runs };
}
