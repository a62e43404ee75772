/**
 * Sharding over machines: shards cover the batch exactly once, and `parley merge` of 4 shards
 * gives the summary.json (byte for byte) and chart specs of one unsharded run.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseShard, shardRange } from '../src/index.ts';
import { parley, type CliResult } from './helpers/cli.ts';
import { chunkAt, chunkCount } from '../src/simulation/chunks.ts';

describe('shard ranges', () => {
  it('cover every run of the batch exactly once, in order, on chunk boundaries', () => {
    for (const runs of [1, 999, 1000, 3500, 10_001]) {
      for (const count of [1, 2, 3, 4, 7, 16]) {
        let next = 0;
        for (let index = 0; index < count; index++) {
          const r = shardRange({ firstRun: 0, runs }, { index, count });
          expect(r.firstRun).toBe(next);
          if (r.endRun > r.firstRun) expect(r.firstRun % 1000).toBe(0);
          next = r.endRun;
        }
        expect(next).toBe(runs);
      }
    }
  });

  it('chunks are computed without listing them: the same as walking the range 1,000 runs at a time', () => {
    for (const [first, end] of [
      [0, 0],
      [0, 1],
      [0, 1000],
      [0, 1001],
      [999, 1000],
      [999, 3001],
      [1234, 4334],
      [5000, 12_000],
    ]) {
      const walked: [number, number][] = [];
      for (let start = first; start < end;) {
        const stop = Math.min(end, (Math.floor(start / 1000) + 1) * 1000);
        walked.push([start, stop]);
        start = stop;
      }
      const range = { firstRun: first, endRun: end };
      expect(chunkCount(range)).toBe(walked.length);
      expect(walked.map((_, k) => [chunkAt(range, k).firstRun, chunkAt(range, k).endRun])).toEqual(walked);
    }
  });

  it('K/N is 0-based and checked', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('4/4')).toMatch(/0 ≤ K < N/);
    expect(parseShard('one/4')).toMatch(/expected K\/N/);
  });
});

describe('parley run --shard and parley merge', () => {
  const work = mkdtempSync(join(tmpdir(), 'parley-shards-'));
  const shards = [0, 1, 2, 3].map((k) => join(work, `shard-${k}`));
  const results: CliResult[] = [];
  beforeAll(async () => {
    for (const [k, dir] of shards.entries())
      results.push(await parley('run', '--runs', '3500', '--seed', 'shards', '--workers', '1', '--shard', `${k}/4`, '--out', dir));
  });

  it('4 shards merge into exactly the summary and charts of one unsharded run', async () => {
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const whole = join(work, 'whole');
    expect((await parley('run', '--runs', '3500', '--seed', 'shards', '--no-charts', '--out', whole)).code).toBe(0);
    const merged = join(work, 'merged');
    // Given out of order: merge sorts them by shard number.
    const m = await parley('merge', shards[2], shards[0], shards[3], shards[1], '--out', merged);
    expect(m.code, m.stderr).toBe(0);
    expect(readFileSync(join(merged, 'summary.json'), 'utf8')).toBe(readFileSync(join(whole, 'summary.json'), 'utf8'));
    for (const chart of readdirSync(join(whole, 'charts')).filter((f) => f.endsWith('.vl.json'))) {
      expect(readFileSync(join(merged, 'charts', chart), 'utf8')).toBe(readFileSync(join(whole, 'charts', chart), 'utf8'));
    }
  });

  it('refuses a missing shard, a shard given twice, and shards of another seed (exit 2)', async () => {
    const missing = await parley('merge', shards[0], shards[1], shards[3], '--out', join(work, 'm1'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 2\/4/);
    const twice = await parley('merge', shards[0], shards[1], shards[2], shards[3], shards[3], '--out', join(work, 'm2'));
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/shard 3\/4 is also in/);
    const other = join(work, 'other-seed');
    expect((await parley('run', '--runs', '3500', '--seed', 'another', '--workers', '1', '--shard', '1/4', '--out', other)).code).toBe(0);
    const mixed = await parley('merge', shards[0], other, shards[2], shards[3], '--out', join(work, 'm3'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/seed "another" differs/);
  });

  it('refuses a folder that is not a shard, with the file it read', async () => {
    const bogus = join(work, 'bogus');
    await parley('run', '--runs', '100', '--seed', 'x', '--no-charts', '--out', bogus);
    const r = await parley('merge', bogus, '--out', join(work, 'm4'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/manifest\.json: shard: expected the manifest of a shard/);
  });
});
