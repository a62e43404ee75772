/**
 * The worker pool's ordered merge (src/parallel/ordered-merge.ts): chunks finished in any order
 * give, bit for bit, the aggregate and the rows of the batch simulated in this thread, rows in run
 * order; chunks are handed out once each, in index order; progress counts every run once.
 */
import { describe, expect, it } from 'vitest';
import { readAndPrepare, type Aggregate } from '../src/index.ts';
import { OrderedMerge } from '../src/parallel/ordered-merge.ts';
import { createAggregate } from '../src/simulation/aggregate.ts';
import { createRunContext } from '../src/simulation/batch.ts';
import { simulateChunk } from '../src/simulation/chunk-run.ts';
import { planChunks, type Chunk } from '../src/simulation/chunks.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { requestedRange } from '../src/simulation/run-range.ts';

function bits(a: Aggregate): string {
  return JSON.stringify(a, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : value,
  );
}

describe('merging chunks in run-index order', () => {
  it('gives the in-thread batch whatever order the chunks finish in', () => {
    const loaded = readAndPrepare('models/ukraine-2025.yaml', []);
    if (!loaded.ok) throw new Error('default scenario invalid');
    const { compiled } = loaded;
    const request = { seed: 'ordered', runs: 4300, firstRun: 700 };
    const range = requestedRange(request);
    const chunks = planChunks(range);
    expect(chunks.length).toBeGreaterThan(3);
    const ctx = createRunContext(compiled, { undominatedOnly: true });
    const finished = new Map(chunks.map((c) => [c.index, simulateChunk(ctx, request.seed, { ...c, batch: range.batch }, { saveRuns: true })]));
    const expectedRows: string[] = [];
    const expected = simulateInProcess(compiled, { ...request, onRows: (r) => expectedRows.push(r) });

    for (const order of [
      [3, 1, 0, 4, 2],
      [4, 3, 2, 1, 0],
      [0, 1, 2, 3, 4],
    ]) {
      const rows: string[] = [];
      const progress: number[] = [];
      const merge = new OrderedMerge(chunks, createAggregate(compiled, range.batch, range.firstRun), {
        onRows: (r) => rows.push(r),
        onProgress: (n) => progress.push(n),
      });
      const handedOut: Chunk[] = [];
      for (let c = merge.nextChunk(); c !== undefined; c = merge.nextChunk()) handedOut.push(c);
      expect(handedOut.map((c) => c.index)).toEqual(chunks.map((c) => c.index));
      const complete = order.map((k) => merge.accept(chunks[k], finished.get(k)!.aggregate, finished.get(k)!.rows));
      expect(complete).toEqual(order.map((_, i) => i === order.length - 1));
      expect(bits(merge.total)).toBe(bits(expected));
      expect(rows.join('')).toBe(expectedRows.join(''));
      expect(progress.at(-1)).toBe(request.runs);
    }
  });
});
