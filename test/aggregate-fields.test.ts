/**
 * The table of aggregate fields (src/simulation/aggregate-fields.ts) against aggregates the
 * simulator folded honestly — under every mechanism, for batches that start anywhere, shards with
 * no runs, a batch of one run — and against single-cell edits of each kind.
 */
import { describe, expect, it } from 'vitest';
import type { CompiledScenario } from '../src/index.ts';
import { defaultScenarioUnder } from './helpers/build-scenario.ts';
import { MECHANISM_NAMES } from '../src/scenario/schema.ts';
import { createAggregate, mergeAggregates } from '../src/simulation/aggregate.ts';
import { AGGREGATE_FIELDS, AGGREGATE_FIELD_NAMES, aggregateShape } from '../src/simulation/aggregate-fields.ts';
import type { BatchRange } from '../src/simulation/run-range.ts';
import { aggregateFromJson, aggregateJsonMaxBytes, aggregateToJson } from '../src/simulation/aggregate-json.ts';
import { simulateInProcess } from '../src/simulation/in-process.ts';
import { shardRange } from '../src/simulation/shards.ts';

const compiledWith = defaultScenarioUnder;

/** The aggregate of the runs `range` as a shard writes it (its JSON, parsed again). */
function shardJson(compiled: CompiledScenario, seed: string, range: BatchRange): Record<string, unknown> {
  const agg = simulateInProcess(compiled, { seed, runs: range.endRun - range.firstRun, firstRun: range.firstRun, batch: range.batch });
  return JSON.parse(JSON.stringify(aggregateToJson(agg))) as Record<string, unknown>;
}

const cells = (json: Record<string, unknown>, key: string) => json[key] as number[];

describe('honest aggregates keep every invariant of the table', () => {
  const compiled = compiledWith('alternating-offers');

  it.each(MECHANISM_NAMES)('under %s: every shard of a batch reads back and merges into the whole', (mechanism) => {
    const c = mechanism === 'alternating-offers' ? compiled : compiledWith(mechanism);
    // Three shards of 1,000, 1,000 and 100 runs (shards start on chunk boundaries): two whole chunks and a short one.
    const batch = { firstRun: 0, runs: 2100 };
    const whole = simulateInProcess(c, { seed: 'fields', runs: batch.runs, batch });
    const merged = createAggregate(c, batch);
    for (let index = 0; index < 3; index++) {
      const range = shardRange(batch, { index, count: 3 });
      const part = aggregateFromJson(shardJson(c, 'fields', range), c, range);
      if (typeof part === 'string') throw new Error(`shard ${index}/3 under ${mechanism}: ${part}`);
      mergeAggregates(merged, part);
    }
    expect(aggregateToJson(merged)).toEqual(aggregateToJson(whole));
  });

  it('for batches that start mid-chunk, shards without runs, and a batch of one run', () => {
    for (const [batch, count] of [
      [{ firstRun: 1234, runs: 3100 }, 6],
      [{ firstRun: 999, runs: 2 }, 3],
      [{ firstRun: 0, runs: 1 }, 2],
      [{ firstRun: 7, runs: 1001 }, 1],
    ] as const) {
      for (let index = 0; index < count; index++) {
        const range = shardRange(batch, { index, count });
        const part = aggregateFromJson(shardJson(compiled, 'edges', range), compiled, range);
        expect(typeof part === 'string' ? `${JSON.stringify(batch)} ${index}/${count}: ${part}` : 'ok').toBe('ok');
      }
    }
  });

  it('lists every array of the Aggregate (so aggregate.json carries and checks them all)', () => {
    const agg = createAggregate(compiled, { firstRun: 0, runs: 1 });
    const arrays = Object.entries(agg)
      .filter(([, v]) => v instanceof Float64Array || Array.isArray(v))
      .map(([k]) => k);
    expect([...AGGREGATE_FIELD_NAMES].sort()).toEqual(arrays.sort());
  });

  it('bounds the JSON size above the largest aggregate of the shape', () => {
    const batch = { firstRun: 0, runs: 2 ** 30 };
    const range = { batch, firstRun: 0, endRun: 2 ** 30 };
    const shape = aggregateShape(compiled, range);
    const widest: Record<string, unknown> = { firstRun: 0, endRun: 2 ** 30, batch };
    for (const key of AGGREGATE_FIELD_NAMES) widest[key] = Array(AGGREGATE_FIELDS[key].length(shape)).fill(-Number.MAX_SAFE_INTEGER);
    expect(Buffer.byteLength(JSON.stringify(widest, null, 2) + '\n')).toBeLessThanOrEqual(aggregateJsonMaxBytes(shape));
  });
});

describe('single-cell edits', () => {
  const compiled = compiledWith('alternating-offers');
  const batch = { firstRun: 0, runs: 2000 };
  const range = { batch, firstRun: 0, endRun: 2000 };
  const honest = shardJson(compiled, 'edits', range);
  const refusal = (edit: (json: Record<string, unknown>) => void): string => {
    const json = structuredClone(honest);
    edit(json);
    const result = aggregateFromJson(json, compiled, range);
    return typeof result === 'string' ? result : 'accepted';
  };
  const histograms = AGGREGATE_FIELD_NAMES.filter((k) => AGGREGATE_FIELDS[k].kind === 'histogram');

  it.each(histograms)('any +1 or −1 in %s breaks a total', (key) => {
    const length = cells(honest, key).length;
    for (const c of [0, Math.floor(length / 2), length - 1]) {
      for (const delta of [1, -1]) {
        if (cells(honest, key)[c] + delta < 0) continue;
        expect(refusal((j) => (cells(j, key)[c] += delta))).toMatch(new RegExp(`^${key}: .*add up to`));
      }
    }
  });

  it('a negative, fractional, non-numeric or unsafe cell, a missing field, a wrong length', () => {
    expect(refusal((j) => (cells(j, 'outcomes')[1] = -10))).toMatch(/^outcomes\[1\]: expected a non-negative integer .* got -10/);
    expect(refusal((j) => (cells(j, 'packageDeals')[0] = 0.5))).toMatch(/^packageDeals\[0\]: expected a non-negative integer/);
    expect(refusal((j) => (cells(j, 'utilitySum')[0] = 1.5))).toMatch(/^utilitySum\[0\]: expected an integer/);
    expect(refusal((j) => ((j.aboveReservation as unknown[])[0] = '5'))).toMatch(/^aboveReservation\[0\]: .*got "5"/);
    expect(refusal((j) => ((j.outcomes as unknown[])[0] = null))).toMatch(/^outcomes\[0\]: .*got null/);
    expect(refusal((j) => (cells(j, 'outcomes')[0] = 2 ** 60))).toMatch(/^outcomes\[0\]: expected a non-negative integer/);
    expect(refusal((j) => delete j.packageDeals)).toMatch(/^packageDeals: expected an array/);
    expect(refusal((j) => cells(j, 'utilityHistogram').push(0))).toMatch(/^utilityHistogram: expected \d+ numbers .* got \d+/);
    expect(refusal((j) => (j.endRun = 1999))).toMatch(/^firstRun, endRun, batch: expected runs 0 to 2000/);
  });

  it('counts above their bounds', () => {
    const deals = cells(honest, 'outcomes')[0];
    expect(refusal((j) => (cells(j, 'aboveReservation')[0] = deals + 1))).toMatch(/^aboveReservation\[0\]: .*more than outcomes\[0\] \(deal\)/);
    expect(refusal((j) => (cells(j, 'utilityOutOfRange')[1] = 2001))).toMatch(/^utilityOutOfRange\[1\]: .*end bins/);
  });

  it('exact sums no runs could give, or outside what the histograms allow', () => {
    expect(refusal((j) => (cells(j, 'utilitySum')[1] = -1))).toMatch(/^utilitySum\[1\]: expected a non-negative integer/);
    expect(refusal((j) => (cells(j, 'utilitySum')[1] = 2 ** 20 * 2000))).toMatch(/^utilitySum\[0\], \[1\]: not the cells of an exact sum of 2000 values/);
    expect(refusal((j) => (cells(j, 'utilitySum')[0] += 2 ** 22 * 10))).toMatch(/^utilitySum\[0\], \[1\]: .* outside \[/);
    expect(refusal((j) => (cells(j, 'reservationSum')[2] = 2 ** 22 * 2001))).toMatch(/^reservationSum\[2\], \[3\]: not the cells/);
    expect(refusal((j) => (cells(j, 'assumptionSum')[0] += 2 ** 22 * 100))).toMatch(/^assumptionSum\[0\], \[1\]: .* outside \[/);
    expect(refusal((j) => (cells(j, 'dealUtilitySum')[1] = 2 ** 20 * (cells(honest, 'outcomes')[0] + 1)))).toMatch(
      /^dealUtilitySum\[0\], \[1\]: not the cells/,
    );
  });

  it('a convergence trace off its positions, falling, or rising faster than runs', () => {
    expect(refusal((j) => (cells(j, 'traceRuns')[3] += 1))).toMatch(/^traceRuns\[3\]: expected 40 /);
    expect(refusal((j) => (cells(j, 'traceDeals')[5] = cells(j, 'traceDeals')[4] - 1))).toMatch(/^traceDeals\[5\]: .*cannot follow/);
    expect(refusal((j) => (cells(j, 'traceDeals')[0] = 11))).toMatch(/^traceDeals\[0\]: 11 deals after 10 runs/);
    const last = cells(honest, 'traceDeals').length - 1;
    expect(refusal((j) => (cells(j, 'traceDeals')[last] -= 1))).toMatch(/^traceDeals: the last point/);
  });
});
