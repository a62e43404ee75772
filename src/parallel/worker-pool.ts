/**
 * A long-lived pool of simulation worker threads that serves many batches one after another, so
 * commands that run many batches (sweeps, sensitivity analyses, `run --variant all`) start their
 * workers once instead of once per batch (about 0.2 s each).
 *
 * Workers are acquired through worker-threads-pool, lazily: a batch of c chunks starts workers up to
 * min(c, the pool's size), and they stay for later batches. For each batch every worker that takes
 * part first receives the batch's setup — seed, batch, whether to return CSV rows, failAtRun, and
 * the compiled scenario when that worker does not hold that scenario object already (it then
 * rebuilds its RunContext) — then pulls chunks of runs one at a time (so a slow chunk does not hold
 * the others up). The main thread merges the chunks' aggregates strictly in run-index order as they
 * become contiguous, so memory holds at most the chunks that arrived early, and the result does
 * not depend on the number of workers or on which batches the pool ran before.
 *
 * If a run throws, every worker is stopped and the batch rejects with a RunFailure naming the run;
 * a worker that dies or exits early also rejects the batch. It never hangs on a lost chunk. After
 * such a failure the pool is unusable: later batches reject at once, and close() still resolves.
 * Batches given while one runs wait their turn. Idle workers do not keep the process alive; still,
 * close the pool when done (closing twice is safe).
 *
 * A compiled scenario is recognised by object identity: do not change one between batches (a
 * changed copy, as withPins makes, is a new object and is sent again).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import Pool from 'worker-threads-pool';
import { createAggregate, mergeAggregates, type Aggregate } from '../simulation/aggregate.ts';
import { RunFailure, type CompiledScenario } from '../simulation/batch.ts';
import { planChunks } from '../simulation/chunks.ts';
import { rangeRuns, requestedRange, type BatchRequest } from '../simulation/run-range.ts';
import type { FromWorker, ToWorker } from './messages.ts';
import { workerScript, type WorkerScript } from './worker-source.ts';

/**
 * A small young generation makes a worker collect the garbage of finished chunks early, so memory
 * does not creep up over a long batch (V8 otherwise grows its heap with the allocation rate). The
 * old generation is left unbounded: a large scenario's parameter list lives there.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** A batch on worker threads of its own. */
export interface ParallelOptions extends BatchRequest {
  /** Worker threads (default: the number of cores). */
  workers?: number;
}

export interface WorkerPool {
  /** The most worker threads the pool starts. */
  readonly size: number;
  /** Simulates one batch; batches given while another runs wait their turn. */
  run(compiled: CompiledScenario, request: BatchRequest): Promise<Aggregate>;
  /** Waits for the batches given so far, then stops the workers. Safe to call more than once. */
  close(): Promise<void>;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

const scenarioIds = new WeakMap<CompiledScenario, number>();
let nextScenarioId = 0;

function scenarioId(compiled: CompiledScenario): number {
  let id = scenarioIds.get(compiled);
  if (id === undefined) {
    id = nextScenarioId++;
    scenarioIds.set(compiled, id);
  }
  return id;
}

interface Member {
  worker: Worker;
  /** The scenario whose RunContext the worker holds. */
  scenario?: number;
  exited: Promise<void>;
}

interface ActiveBatch {
  id: number;
  onMessage(member: Member, message: FromWorker): void;
  fail(error: Error): void;
}

export function openWorkerPool(workers: number = defaultWorkers()): WorkerPool {
  const size = Math.max(1, Math.floor(workers) || 1);
  const pool = new Pool({ max: size });
  const members: Member[] = [];
  let active: ActiveBatch | undefined;
  /** The failure that stopped the workers; the pool is unusable from then on. */
  let broken: Error | undefined;
  let stopping = false;
  let closing: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextBatchId = 0;

  const stopAll = (error: Error) => {
    if (broken || stopping) return;
    broken = error;
    // Terminate directly: pool.destroy() passes a callback to worker.terminate(), deprecated since Node 12.
    for (const m of members) void m.worker.terminate();
    const batch = active;
    active = undefined;
    batch?.fail(error);
  };

  const unusable = () => new Error(`the worker pool was stopped by an earlier failure (${broken!.message})`, { cause: broken });

  const acquire = (code: WorkerScript) =>
    new Promise<void>((resolve, reject) => {
      pool.acquire(code.script, { eval: code.eval, resourceLimits: WORKER_LIMITS }, (error, worker) => {
        if (error) { reject(error); return; }
        const member: Member = { worker, exited: new Promise((done) => worker.once('exit', () => { done(); })) };
        members.push(member);
        worker.on('message', (message: FromWorker) => {
          if (active && message.id === active.id) active.onMessage(member, message);
        });
        worker.on('error', (e) => { stopAll(new Error(`a simulation worker failed: ${e.message}`, { cause: e })); });
        worker.on('exit', (code) => { stopAll(new Error(`a simulation worker exited early (code ${code})`)); });
        if (broken) void worker.terminate();
        resolve();
      });
    });

  const checkUsable = () => {
    if (broken) throw unusable();
  };

  const runBatch = async (compiled: CompiledScenario, options: BatchRequest): Promise<Aggregate> => {
    checkUsable();
    const code = await workerScript();
    const range = requestedRange(options);
    const { batch } = range;
    const chunks = planChunks(range);
    const total = createAggregate(compiled, batch, range.firstRun);
    if (chunks.length === 0) return total;
    const wanted = Math.min(size, chunks.length);
    await Promise.all(Array.from({ length: Math.max(0, wanted - members.length) }, () => acquire(code)));
    // A worker can have failed while others were starting (stopAll sets `broken`).
    checkUsable();

    const id = nextBatchId++;
    const scenario = scenarioId(compiled);
    const setup = { seed: options.seed, batch, saveRuns: options.onRows !== undefined, failAtRun: options.failAtRun };
    return new Promise<Aggregate>((resolve, reject) => {
      const arrived = new Map<number, { aggregate: Aggregate; rows: string }>();
      let nextToSend = 0;
      let nextToMerge = 0;
      let runsDone = 0;

      const sendNext = (member: Member) => {
        if (nextToSend < chunks.length) member.worker.postMessage({ type: 'chunk', id, chunk: chunks[nextToSend++] } satisfies ToWorker);
      };

      active = {
        id,
        fail: reject,
        onMessage: (member, message) => {
          if (message.type === 'failed') {
            stopAll(new RunFailure(message.run, Object.assign(new Error(message.message), { stack: message.stack })));
            return;
          }
          try {
            arrived.set(message.chunk.index, { aggregate: message.aggregate, rows: message.rows });
            runsDone += rangeRuns(message.chunk);
            options.onProgress?.(runsDone);
            while (arrived.has(nextToMerge)) {
              const part = arrived.get(nextToMerge)!;
              arrived.delete(nextToMerge);
              mergeAggregates(total, part.aggregate);
              if (part.rows !== '') options.onRows?.(part.rows);
              nextToMerge++;
            }
          } catch (e) {
            stopAll(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          if (nextToMerge === chunks.length) {
            active = undefined;
            // Idle workers must not keep the process alive (close() refs them again to stop them).
            for (const m of members) m.worker.unref();
            resolve(total);
          } else {
            sendNext(member);
          }
        },
      };

      try {
        for (const m of members) m.worker.ref();
        for (const m of members.slice(0, wanted)) {
          const message: ToWorker = { type: 'batch', id, setup: m.scenario === scenario ? setup : { ...setup, compiled } };
          m.worker.postMessage(message);
          m.scenario = scenario;
          sendNext(m);
        }
      } catch (e) {
        // A scenario that cannot be cloned, say: nothing is half-sent to a worker that will be reused.
        stopAll(e instanceof Error ? e : new Error(String(e)));
      }
    });
  };

  return {
    size,
    run(compiled, options) {
      if (closing) return Promise.reject(new Error('the worker pool is closed'));
      const result = queue.then(() => runBatch(compiled, options));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      closing ??= queue.then(async () => {
        stopping = true;
        for (const m of members) {
          m.worker.ref();
          if (!broken) m.worker.postMessage({ type: 'stop' } satisfies ToWorker);
        }
        await Promise.all(members.map((m) => m.exited));
      });
      return closing;
    },
  };
}
