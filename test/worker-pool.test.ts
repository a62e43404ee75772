/**
 * The long-lived worker pool (src/parallel/worker-pool.ts): one set of workers serving many batches
 * of different scenarios, seeds and ranges gives, bit for bit, the aggregates of a fresh pool per
 * batch (runParallel) and of the kernel in this thread; a failing run rejects with RunFailure,
 * leaves the pool unusable but closable, and hangs nothing (test/e2e/pool-exit.test.ts: nor a process).
 */
import { describe, expect, it } from 'vitest';
import { findSlot, withPins } from '../src/analysis/pins.ts';
import { readAndPrepare, type Aggregate, type CompiledScenario } from '../src/index.ts';
import { openWorkerPool, runParallel } from '../src/parallel/run-parallel.ts';
import { chunkCount } from '../src/simulation/chunks.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { requestedRange, type Batch } from '../src/simulation/run-range.ts';

function prepared(variant?: string): CompiledScenario {
  const loaded = readAndPrepare('models/ukraine-2025.yaml', [], variant);
  if (!loaded.ok) throw new Error('default scenario invalid');
  return loaded.compiled;
}

/** Every field, typed arrays by their bytes: equal texts are bit-identical aggregates. */
function bits(a: Aggregate): string {
  return JSON.stringify(a, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') : value,
  );
}

const base = prepared();
const backstop = prepared('us-backstops');
const pinned = withPins(base, [{ slot: findSlot(base, base.parameters.find((p) => p.distribution.dist !== 'fixed')!.path), value: 0.5 }]);

interface Case {
  compiled: CompiledScenario;
  seed: string;
  runs: number;
  firstRun?: number;
  batch?: Batch;
  rows?: boolean;
  /** Also against a fresh runParallel (default true): left out where an earlier case has the same shape of chunks. */
  fresh?: boolean;
}

// A one-chunk batch first (the pool starts one worker), then larger ones (it starts the second,
// which must be sent the scenario the first already holds); scenarios change and come back. What
// is checked is bit-for-bit equality, which holds or fails whatever the number of runs: each case
// has as few runs as give it its shape of chunks (CHUNK_RUNS = 1000) — one chunk; more chunks than
// workers (rows merged in order); a short last chunk; a range starting mid-chunk inside a larger
// batch; no runs.
const cases: Case[] = [
  { compiled: base, seed: 'pool-a', runs: 400 },
  { compiled: base, seed: 'pool-b', runs: 2500, rows: true },
  { compiled: backstop, seed: 'pool-a', runs: 1200, fresh: false },
  { compiled: pinned, seed: 'pool-c', runs: 1000, firstRun: 1700, batch: { firstRun: 0, runs: 5000 } },
  { compiled: base, seed: 'pool-a', runs: 400, fresh: false },
  { compiled: backstop, seed: 'pool-d', runs: 0 },
  { compiled: backstop, seed: 'pool-d', runs: 1600, rows: true },
];

describe('a worker pool reused for many batches', () => {
  it('gives bit for bit the aggregates (and rows) of fresh runParallel calls and of simulateInProcess', async () => {
    expect(cases.map((c) => chunkCount(requestedRange(c)))).toEqual([1, 3, 2, 2, 1, 0, 2]);
    const pool = openWorkerPool(2);
    try {
      for (const c of cases) {
        const options = { seed: c.seed, runs: c.runs, firstRun: c.firstRun, batch: c.batch };
        const rows = { pool: [] as string[], fresh: [] as string[], here: [] as string[] };
        const fromPool = await pool.run(c.compiled, { ...options, onRows: c.rows ? (r) => rows.pool.push(r) : undefined });
        const here = simulateInProcess(c.compiled, { ...options, onRows: c.rows ? (r) => rows.here.push(r) : undefined });
        expect(bits(fromPool), `${c.seed} ${c.runs}`).toBe(bits(here));
        expect(rows.pool.join('')).toBe(rows.here.join(''));
        if (c.fresh !== false) {
          const fresh = await runParallel(c.compiled, { ...options, workers: 2, onRows: c.rows ? (r) => rows.fresh.push(r) : undefined });
          expect(bits(fresh)).toBe(bits(here));
          expect(rows.fresh.join('')).toBe(rows.here.join(''));
        }
        if (c.rows && c.runs > 0) expect(rows.pool.join('').trimEnd().split('\n').length).toBe(c.runs);
      }
      // The test can fail: the scenarios and seeds do give different aggregates.
      expect(bits(simulateInProcess(backstop, { seed: 'pool-a', runs: 400 }))).not.toBe(bits(simulateInProcess(base, { seed: 'pool-a', runs: 400 })));
    } finally {
      await pool.close();
    }
  });

  it('takes batches given at once one after another, each with its own progress', async () => {
    const pool = openWorkerPool(2);
    const progress: number[][] = [[], []];
    const [a, b] = await Promise.all([
      pool.run(base, { seed: 'together', runs: 1500, onProgress: (n) => progress[0].push(n) }),
      pool.run(pinned, { seed: 'together', runs: 1500, onProgress: (n) => progress[1].push(n) }),
    ]);
    await pool.close();
    expect(bits(a)).toBe(bits(simulateInProcess(base, { seed: 'together', runs: 1500 })));
    expect(bits(b)).toBe(bits(simulateInProcess(pinned, { seed: 'together', runs: 1500 })));
    for (const p of progress) expect(p.at(-1)).toBe(1500);
  });

  it('rejects a failing run with RunFailure, is unusable afterwards, and closes (twice) cleanly', async () => {
    const pool = openWorkerPool(2);
    expect(bits(await pool.run(base, { seed: 'before', runs: 1500 }))).toBe(bits(simulateInProcess(base, { seed: 'before', runs: 1500 })));
    await expect(pool.run(backstop, { seed: 'fail', runs: 4000, failAtRun: 2345 })).rejects.toMatchObject({ name: 'RunFailure', run: 2345 });
    await expect(pool.run(base, { seed: 'after', runs: 100 })).rejects.toThrow(/stopped by an earlier failure/);
    await pool.close();
    await pool.close();
    await expect(pool.run(base, { seed: 'closed', runs: 100 })).rejects.toThrow(/closed/);
  });

  it('closing twice, or closing an unused pool, is safe', async () => {
    const unused = openWorkerPool(2);
    await Promise.all([unused.close(), unused.close()]);
    const used = openWorkerPool(1);
    await used.run(base, { seed: 'one', runs: 1200 });
    await used.close();
    await used.close();
  });
});
