/**
 * What a batch will cost before it starts: memory from the actors × packages tables every worker
 * holds, time from actors × packages × runs. Both are rough (within a factor of about 2 on the
 * machines measured) and err on the high side; they exist to refuse, before any work, a batch that
 * would exhaust the machine — not to predict a run time to the second.
 *
 * Measured on a 2-core AMD EPYC (Node 20): a worker's peak memory grows by 16–20 bytes per
 * actor-package (utility tables, believed gains, gain tables; 10 actors × 10⁶ packages: +195 MB,
 * 100 × 10⁶: +1.6 GB), the process starts at about 220 MB; one run costs 10–35 ns per
 * actor-package (the default scenario 34 ns, 100 actors × 10⁶ packages about 10 ns).
 */

/** Bytes a worker holds per actor-package, with headroom over the 16–20 measured. */
export const BYTES_PER_ACTOR_PACKAGE = 24;
/** Bytes per package outside the actor tables (package terms, consent masks, counts), main thread and each worker. */
export const BYTES_PER_PACKAGE = 48;
/** The process before any table: Node, the worker threads' runtimes, the charts' libraries. */
export const BASE_BYTES = 320 * 1024 * 1024;
/** A worker thread's own runtime. */
export const BYTES_PER_WORKER = 40 * 1024 * 1024;
/** Nanoseconds per actor-package per run, the slow end of what was measured. */
export const NANOSECONDS_PER_ACTOR_PACKAGE_RUN = 35;

export interface BatchSize {
  actors: number;
  packages: number;
  /** Runs over all batches of the command (a sweep's grid points × runs per point, …). */
  runs: number;
  workers: number;
}

export interface ResourceEstimate {
  bytes: number;
  seconds: number;
}

export function estimateResources(size: BatchSize): ResourceEstimate {
  const cells = size.actors * size.packages;
  const perWorker = BYTES_PER_WORKER + cells * BYTES_PER_ACTOR_PACKAGE + size.packages * BYTES_PER_PACKAGE;
  const bytes = BASE_BYTES + size.packages * BYTES_PER_PACKAGE + size.workers * perWorker;
  const seconds = (size.runs * cells * NANOSECONDS_PER_ACTOR_PACKAGE_RUN * 1e-9) / Math.max(1, size.workers);
  return { bytes, seconds };
}
