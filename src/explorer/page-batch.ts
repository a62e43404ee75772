/**
 * One batch over the page's Web Workers: each worker pulls chunks of runs (exploreChunks) one at
 * a time; the page merges their aggregates strictly in run order as they become contiguous
 * (as src/parallel/worker-pool.ts does for `parley run`) and reports each new prefix, so the
 * headline and the charts can follow the batch. Cancelling drops the batch: replies for it are
 * ignored and no further chunk of it is sent (a worker finishes the chunk it holds, a fraction of
 * a second, then takes the next batch's).
 */
import { createAggregate, mergeAggregates, type Aggregate, type CompiledScenario } from '../core.ts';
import { exploreChunks, type FromExploreWorker, type ToExploreWorker } from './worker-protocol.ts';

export interface BatchRequest {
  compiled: CompiledScenario;
  seed: string;
  runs: number;
}

export interface BatchListener {
  /** The runs [0, runsDone) merged so far (the same object, growing; read it before returning). */
  progress: (aggregate: Aggregate, runsDone: number) => void;
  done: (aggregate: Aggregate) => void;
  failed: (message: string) => void;
}

/** A pool of page workers that runs one batch at a time; starting a batch cancels the one running. */
export class PageWorkers {
  private nextId = 0;
  private current: { id: number; cancelled: boolean } | undefined;

  constructor(private readonly workers: Worker[]) {}

  get size(): number {
    return this.workers.length;
  }

  cancel(): void {
    if (this.current !== undefined) this.current.cancelled = true;
    this.current = undefined;
  }

  start(request: BatchRequest, listener: BatchListener): void {
    this.cancel();
    const id = ++this.nextId;
    const state = { id, cancelled: false };
    this.current = state;
    const batch = { firstRun: 0, runs: request.runs };
    const chunks = exploreChunks(request.runs, this.workers.length);
    const total = createAggregate(request.compiled, batch, 0);
    const arrived = new Map<number, Aggregate>();
    let nextChunk = 0;
    let nextMerge = 0;
    const post = (worker: Worker, message: ToExploreWorker) => {
      worker.postMessage(message);
    };
    const sendNext = (worker: Worker) => {
      if (nextChunk < chunks.length) post(worker, { type: 'chunk', id, chunk: chunks[nextChunk++] });
    };
    const onReply = (worker: Worker, reply: FromExploreWorker) => {
      if (state.cancelled || reply.id !== id) return;
      if (reply.type === 'failed') {
        this.cancel();
        listener.failed(`run ${reply.run} failed: ${reply.message}`);
        return;
      }
      arrived.set(reply.chunk.index, reply.aggregate);
      sendNext(worker);
      let merged = false;
      while (arrived.has(nextMerge)) {
        mergeAggregates(total, arrived.get(nextMerge)!);
        arrived.delete(nextMerge);
        nextMerge++;
        merged = true;
      }
      if (!merged) return;
      if (nextMerge === chunks.length) {
        this.current = undefined;
        listener.done(total);
      } else {
        listener.progress(total, chunks[nextMerge - 1].endRun);
      }
    };
    for (const worker of this.workers) {
      worker.onmessage = (event: MessageEvent<FromExploreWorker>) => {
        onReply(worker, event.data);
      };
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault();
        if (state.cancelled) return;
        this.cancel();
        listener.failed(`a worker failed: ${event.message}`);
      };
    }
    // The setup goes to every worker; a worker still busy with a cancelled chunk reads it next.
    for (const worker of this.workers) post(worker, { type: 'batch', id, compiled: request.compiled, seed: request.seed, batch });
    for (const worker of this.workers) sendNext(worker);
  }
}
