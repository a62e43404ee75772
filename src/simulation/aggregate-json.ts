/**
 * An aggregate as JSON (a shard's partial result) and back. Doubles survive JSON exactly
 * (shortest round-trip printing), so a merged aggregate equals the unsharded one bit for bit.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { AGGREGATE_ARRAYS as ARRAYS, createAggregate, type Aggregate } from './aggregate.ts';

export function aggregateToJson(agg: Aggregate): Record<string, unknown> {
  const out: Record<string, unknown> = { firstRun: agg.firstRun, endRun: agg.endRun, batch: agg.batch, traceRuns: agg.traceRuns, traceDeals: agg.traceDeals };
  for (const key of ARRAYS) out[key] = Array.from(agg[key]);
  return out;
}

/** Rebuilds an aggregate for `compiled`, or returns what is wrong with the JSON. */
export function aggregateFromJson(json: unknown, compiled: CompiledScenario): Aggregate | string {
  if (json === null || typeof json !== 'object') return 'expected an object';
  const o = json as Record<string, unknown>;
  const batch = o.batch as { firstRun?: unknown; runs?: unknown } | undefined;
  if (typeof o.firstRun !== 'number' || typeof o.endRun !== 'number' || typeof batch?.firstRun !== 'number' || typeof batch.runs !== 'number') {
    return 'expected firstRun, endRun and batch {firstRun, runs}';
  }
  const agg = createAggregate(compiled, { firstRun: batch.firstRun, runs: batch.runs }, o.firstRun);
  agg.endRun = o.endRun;
  for (const key of ARRAYS) {
    const values = o[key];
    if (!Array.isArray(values) || values.length !== agg[key].length || !values.every((x) => typeof x === 'number')) {
      return `${key}: expected ${agg[key].length} numbers (does the shard come from this scenario?)`;
    }
    agg[key].set(values as number[]);
  }
  if (!Array.isArray(o.traceRuns) || !Array.isArray(o.traceDeals) || o.traceRuns.length !== o.traceDeals.length) return 'expected traceRuns and traceDeals of equal length';
  agg.traceRuns = o.traceRuns as number[];
  agg.traceDeals = o.traceDeals as number[];
  return agg;
}
