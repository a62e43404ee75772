/**
 * Runs a batch over a pool of worker threads (worker-threads-pool). Workers pull chunks of runs
 * one at a time (so a slow chunk does not hold the others up); the main thread merges the
 * chunks' aggregates strictly in run-index order as they become contiguous, so memory holds at
 * most the chunks that arrived early, and the result does not depend on the number of workers.
 *
 * If a run throws, every worker is stopped and the promise rejects with a RunFailure naming the
 * run; a worker that dies or exits early also rejects. It never hangs on a lost chunk.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import Pool from 'worker-threads-pool';
import { createAggregate, mergeAggregates, type Aggregate, type Batch } from '../simulation/aggregate.ts';
import { RunFailure, type CompiledScenario } from '../simulation/batch.ts';
import { planChunks, type Chunk } from '../simulation/chunks.ts';
import type { MasterSeed, RunIndex } from '../simulation/seeding.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts';
import { workerSource } from './worker-source.ts';


/**
 * A small young generation makes a worker collect the garbage of finished chunks early, so memory
 * does not creep up over a long batch (V8 otherwise grows its heap with the allocation rate). The
 * old generation is left unbounded: a large scenario's parameter list lives there.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

export interface ParallelOptions {
  seed: MasterSeed;
  /** Simulate runs [firstRun, firstRun + runs) … */
  runs: number;
  firstRun?: RunIndex;
  /** … of this batch (default: exactly those runs); it fixes the convergence trace's points. */
  batch?: Batch;
  /** Worker threads (default: the number of cores). */
  workers?: number;
  /** Called with each chunk's CSV rows, in run order (enables per-run rows). */
  onRows?: (rows: string) => void;
  /** Called as runs complete (in any order), with the number done so far. */
  onProgress?: (runsDone: number) => void;
  /** Testing aid: this run throws inside its worker. */
  failAtRun?: RunIndex;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export async function runParallel(compiled: CompiledScenario, options: ParallelOptions): Promise<Aggregate> {
  const source = await workerSource();
  const firstRun = options.firstRun ?? 0;
  const endRun = firstRun + options.runs;
  const batch = options.batch ?? { firstRun, runs: options.runs };
  const chunks = planChunks(firstRun, endRun);
  const workerCount = Math.max(1, Math.min(options.workers ?? defaultWorkers(), chunks.length));
  const setup: WorkerSetup = { compiled, seed: options.seed, batch, saveRuns: options.onRows !== undefined, failAtRun: options.failAtRun };

  return new Promise<Aggregate>((resolve, reject) => {
    const total = createAggregate(compiled, batch, firstRun);
    if (chunks.length === 0) {
      resolve(total);
      return;
    }
    const pool = new Pool({ max: workerCount });
    const workers: Worker[] = [];
    const arrived = new Map<number, { aggregate: Aggregate; rows: string }>();
    let nextToSend = 0;
    let nextToMerge = 0;
    let runsDone = 0;
    let settled = false;

    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) {
        // Terminate directly: pool.destroy() passes a callback to worker.terminate(), deprecated since Node 12.
        for (const w of workers) void w.terminate();
        reject(error);
        return;
      }
      for (const w of workers) w.postMessage({ type: 'stop' } satisfies ToWorker);
      resolve(total);
    };

    const sendNext = (worker: Worker) => {
      if (nextToSend < chunks.length) {
        const chunk: Chunk = chunks[nextToSend++];
        worker.postMessage({ type: 'chunk', chunk } satisfies ToWorker);
      }
    };

    const onMessage = (worker: Worker, message: FromWorker) => {
      if (settled) return;
      if (message.type === 'failed') {
        const error = new RunFailure(message.run, Object.assign(new Error(message.message), { stack: message.stack }));
        finish(error);
        return;
      }
      arrived.set(message.chunk.index, { aggregate: message.aggregate, rows: message.rows });
      runsDone += message.chunk.endRun - message.chunk.firstRun;
      options.onProgress?.(runsDone);
      while (arrived.has(nextToMerge)) {
        const part = arrived.get(nextToMerge)!;
        arrived.delete(nextToMerge);
        mergeAggregates(total, part.aggregate);
        if (part.rows !== '') options.onRows?.(part.rows);
        nextToMerge++;
      }
      if (nextToMerge === chunks.length) finish();
      else sendNext(worker);
    };

    for (let w = 0; w < workerCount; w++) {
      pool.acquire(source, { eval: true, workerData: setup, resourceLimits: WORKER_LIMITS }, (error, worker) => {
        if (error) return finish(error);
        if (settled) {
          void worker.terminate();
          return;
        }
        workers.push(worker);
        worker.on('message', (m: FromWorker) => onMessage(worker, m));
        worker.on('error', (e) => finish(new Error(`a simulation worker failed: ${e.message}`, { cause: e })));
        worker.on('exit', (code) => {
          if (!settled) finish(new Error(`a simulation worker exited early (code ${code})`));
        });
        sendNext(worker);
      });
    }
  });
}
