/**
 * The chunks of one batch on the worker pool (src/parallel/worker-pool.ts): handed out one at a
 * time, and their aggregates merged strictly in run-index order as they become contiguous, so
 * memory holds at most the chunks that arrived early and the total does not depend on which
 * worker finished first (src/simulation/aggregate.ts: ordered merges).
 */
import { mergeAggregates, type Aggregate } from '../simulation/aggregate.ts';
import type { Chunk } from '../simulation/chunks.ts';
import { rangeRuns, type BatchRequest } from '../simulation/run-range.ts';

interface ArrivedChunk {
  aggregate: Aggregate;
  rows: string;
}

export class OrderedMerge {
  private readonly arrived = new Map<number, ArrivedChunk>();
  private nextToSend = 0;
  private nextToMerge = 0;
  private runsDone = 0;

  /** `total` is the batch's empty aggregate; the chunks are merged into it. */
  constructor(
    private readonly chunks: readonly Chunk[],
    readonly total: Aggregate,
    private readonly listeners: Pick<BatchRequest, 'onProgress' | 'onRows'>,
  ) {}

  /** The next chunk to hand out; undefined once every chunk has been. */
  nextChunk(): Chunk | undefined {
    return this.nextToSend < this.chunks.length ? this.chunks[this.nextToSend++] : undefined;
  }

  /**
   * Takes a finished chunk (reporting progress), then merges every chunk that has become
   * contiguous, passing on its rows in run order. True once the whole batch is merged.
   */
  accept(chunk: Chunk, aggregate: Aggregate, rows: string): boolean {
    this.arrived.set(chunk.index, { aggregate, rows });
    this.runsDone += rangeRuns(chunk);
    this.listeners.onProgress?.(this.runsDone);
    while (this.arrived.has(this.nextToMerge)) {
      const part = this.arrived.get(this.nextToMerge) as ArrivedChunk;
      this.arrived.delete(this.nextToMerge);
      mergeAggregates(this.total, part.aggregate);
      if (part.rows !== '') this.listeners.onRows?.(part.rows);
      this.nextToMerge++;
    }
    return this.nextToMerge === this.chunks.length;
  }
}
