/**
 * Determinism: a run's randomness depends only on (seed, run index), and chunks merge in run
 * order, so the same seed and runs give a byte-identical summary.json with 1, 2 or 4 worker
 * threads, or in this thread.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareScenario, readScenarioFile, simulateBatch, type Aggregate } from '../src/index.ts';

const loaded = readScenarioFile('models/ukraine-2025.yaml');
if (!loaded.ok) throw new Error('default scenario invalid');
const { compiled } = prepareScenario(loaded.scenario);
// 3,500 runs = 4 chunks, so 4 workers really share the work.
const RUNS = 3500;

describe('the same seed gives the same summary.json', () => {
  // One batch per way of running it, shared by the first two tests (each checks a different form of it).
  const ways = [{ workers: 1 }, { workers: 2 }, { workers: 4 }, { inProcess: true }];
  let batches: { summary: unknown; aggregate: Aggregate }[] = [];
  beforeAll(async () => {
    batches = [];
    for (const options of ways) batches.push(await simulateBatch(compiled, { seed: 'determinism', runs: RUNS, ...options }));
  });

  it('with 1, 2 and 4 workers and in-process', () => {
    const texts = batches.map((b) => JSON.stringify(b.summary, null, 2));
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
    expect(texts[3]).toBe(texts[0]);
  });

  it('bit for bit in the raw aggregate, not only after rounding (1, 2, 4 workers and in-process)', () => {
    const bits = (a: Aggregate) =>
      [a.outcomes, a.roundsByStatus, a.packageDeals, a.utilityHistogram, a.utilitySum, a.dealUtilitySum, a.reservationSum, a.assumptionSum].map((x) =>
        Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64'),
      );
    const [one, ...others] = batches.map((b) => bits(b.aggregate));
    for (const other of others) expect(other).toEqual(one);
  });

  it('and another seed gives another one (the test can fail)', async () => {
    const a = await simulateBatch(compiled, { seed: 'one', runs: 800, inProcess: true });
    const b = await simulateBatch(compiled, { seed: 'two', runs: 800, inProcess: true });
    expect(JSON.stringify(b.summary)).not.toBe(JSON.stringify(a.summary));
  });

  it('a run reproduced alone (--first-run I --runs 1) matches its part of the batch', async () => {
    const { createRunContext, simulateRun } = await import('../src/simulation/batch.ts');
    const ctx = createRunContext(compiled);
    const rows: string[] = [];
    await simulateBatch(compiled, { seed: 'alone', runs: 1200, workers: 2, onRows: (r) => rows.push(r) });
    const lines = rows.join('').trimEnd().split('\n');
    expect(lines.length).toBe(1200);
    for (const run of [0, 17, 999, 1000, 1199]) {
      const result = simulateRun(ctx, 'alone', run);
      const fields = lines[run].split(',');
      expect(Number(fields[0])).toBe(run);
      expect(fields[1]).toBe(['deal', 'breakdown', 'deadline'][result.status]);
      expect(Number(fields[2])).toBe(result.round);
    }
  });
});

describe('a failing run', () => {
  it('stops the pool and names the run, in worker threads too', async () => {
    await expect(simulateBatch(compiled, { seed: 'fail', runs: 3000, workers: 2, failAtRun: 2345 })).rejects.toMatchObject({ name: 'RunFailure', run: 2345 });
  });
});
