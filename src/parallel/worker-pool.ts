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
import { createAggregate, type Aggregate } from '../simulation/aggregate.ts';
import { RunFailure, type CompiledScenario } from '../simulation/batch.ts';
import { planChunks } from '../simulation/chunks.ts';
import { requestedRange, type BatchRequest } from '../simulation/run-range.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './messages.ts';
import { OrderedMerge } from './ordered-merge.ts';
import { workerOptions, workerScript, type WorkerScript } from './worker-source.ts';

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

/** The batch the workers are on: its id (every reply names it), its chunks, and how it settles. */
interface ActiveBatch {
  id: number;
  merge: OrderedMerge;
  resolve(total: Aggregate): void;
  reject(error: Error): void;
}

export function openWorkerPool(workers: number = defaultWorkers()): WorkerPool {
  return new SimulationWorkerPool(Math.max(1, Math.floor(workers) || 1));
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

class SimulationWorkerPool implements WorkerPool {
  private readonly pool: Pool;
  private readonly members: Member[] = [];
  private active: ActiveBatch | undefined;
  /** The failure that stopped the workers; the pool is unusable from then on. */
  private broken: Error | undefined;
  /** Set by close(): workers exiting from then on are no failure. */
  private stopping = false;
  private closing: Promise<void> | undefined;
  /** The batches given so far, one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private nextBatchId = 0;

  constructor(readonly size: number) {
    this.pool = new Pool({ max: size });
  }

  run(compiled: CompiledScenario, request: BatchRequest): Promise<Aggregate> {
    if (this.closing) return Promise.reject(new Error('the worker pool is closed'));
    const result = this.queue.then(() => this.runBatch(compiled, request));
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): Promise<void> {
    this.closing ??= this.queue.then(async () => {
      this.stopping = true;
      for (const m of this.members) {
        m.worker.ref();
        if (!this.broken) m.worker.postMessage({ type: 'stop' } satisfies ToWorker);
      }
      await Promise.all(this.members.map((m) => m.exited));
    });
    return this.closing;
  }

  private async runBatch(compiled: CompiledScenario, request: BatchRequest): Promise<Aggregate> {
    this.checkUsable();
    const code = await workerScript();
    const range = requestedRange(request);
    const chunks = planChunks(range);
    const total = createAggregate(compiled, range.batch, range.firstRun);
    if (chunks.length === 0) return total;
    const wanted = Math.min(this.size, chunks.length);
    await this.acquireUpTo(wanted, code);
    // A worker can fail while others start (stopAll sets `broken` meanwhile).
    this.checkUsable();
    const setup = { seed: request.seed, batch: range.batch, saveRuns: request.onRows !== undefined, failAtRun: request.failAtRun };
    return new Promise<Aggregate>((resolve, reject) => {
      this.active = { id: this.nextBatchId++, merge: new OrderedMerge(chunks, total, request), resolve, reject };
      this.dispatch(this.active, compiled, setup, wanted);
    });
  }

  /** Starts workers until the pool has `wanted` (they stay for later batches). */
  private async acquireUpTo(wanted: number, code: WorkerScript): Promise<void> {
    await Promise.all(Array.from({ length: Math.max(0, wanted - this.members.length) }, () => this.acquire(code)));
  }

  private acquire(code: WorkerScript): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pool.acquire(code.script, { eval: code.eval, resourceLimits: WORKER_LIMITS, ...workerOptions() }, (error, worker) => {
        if (error) {
          reject(error);
          return;
        }
        const member: Member = {
          worker,
          exited: new Promise((done) =>
            worker.once('exit', () => {
              done();
            }),
          ),
        };
        this.members.push(member);
        worker.on('message', (message: FromWorker) => {
          this.receive(member, message);
        });
        worker.on('error', (e) => {
          this.stopAll(new Error(`a simulation worker failed: ${e.message}`, { cause: e }));
        });
        worker.on('exit', (exitCode) => {
          this.stopAll(new Error(`a simulation worker exited early (code ${exitCode})`));
        });
        if (this.broken) void worker.terminate();
        resolve();
      });
    });
  }

  /** Sends the batch's setup (and the scenario where a worker does not hold it) and a first chunk to each of `wanted` workers. */
  private dispatch(batch: ActiveBatch, compiled: CompiledScenario, setup: Omit<WorkerSetup, 'compiled'>, wanted: number): void {
    const scenario = scenarioId(compiled);
    try {
      for (const m of this.members) m.worker.ref();
      for (const m of this.members.slice(0, wanted)) {
        const message: ToWorker = { type: 'batch', id: batch.id, setup: m.scenario === scenario ? setup : { ...setup, compiled } };
        m.worker.postMessage(message);
        m.scenario = scenario;
        this.sendNextChunk(m, batch);
      }
    } catch (e) {
      // A scenario that cannot be cloned, say: nothing is half-sent to a worker that will be reused.
      this.stopAll(asError(e));
    }
  }

  private sendNextChunk(member: Member, batch: ActiveBatch): void {
    const chunk = batch.merge.nextChunk();
    if (chunk !== undefined) member.worker.postMessage({ type: 'chunk', id: batch.id, chunk } satisfies ToWorker);
  }

  /** A worker's reply: a failed run stops everything; a finished chunk is merged, and the worker given the next. */
  private receive(member: Member, message: FromWorker): void {
    const batch = this.active;
    if (batch === undefined || message.id !== batch.id) return;
    if (message.type === 'failed') {
      this.stopAll(new RunFailure(message.run, Object.assign(new Error(message.message), { stack: message.stack })));
      return;
    }
    let complete: boolean;
    try {
      complete = batch.merge.accept(message.chunk, message.aggregate, message.rows);
    } catch (e) {
      this.stopAll(asError(e));
      return;
    }
    if (complete) this.finish(batch);
    else this.sendNextChunk(member, batch);
  }

  private finish(batch: ActiveBatch): void {
    this.active = undefined;
    // Idle workers must not keep the process alive (close() refs them again to stop them).
    for (const m of this.members) m.worker.unref();
    batch.resolve(batch.merge.total);
  }

  /** Stops every worker and rejects the batch they are on; the pool is unusable from then on. */
  private stopAll(error: Error): void {
    if (this.broken || this.stopping) return;
    this.broken = error;
    // Terminate directly: pool.destroy() passes a callback to worker.terminate(), deprecated since Node 12.
    for (const m of this.members) void m.worker.terminate();
    const batch = this.active;
    this.active = undefined;
    batch?.reject(error);
  }

  private checkUsable(): void {
    if (this.broken) throw this.unusable();
  }

  private unusable(): Error {
    return new Error(`the worker pool was stopped by an earlier failure (${this.broken?.message})`, { cause: this.broken });
  }
}
