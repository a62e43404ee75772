/**
 * An aggregate as JSON (a shard's partial result) and back. Doubles survive JSON exactly
 * (shortest round-trip printing), so a merged aggregate equals the unsharded one bit for bit.
 * Reading checks the JSON against the table of fields (aggregate-fields.ts): lengths before
 * anything is allocated, then every invariant.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { createAggregate, type Aggregate } from './aggregate.ts';
import {
  AGGREGATE_FIELD_NAMES,
  aggregateCells,
  aggregateShape,
  checkAggregateCells,
  checkAggregateInvariants,
  type AggregateShape,
} from './aggregate-fields.ts';
import type { BatchRange } from './run-range.ts';

export function aggregateToJson(agg: Aggregate): Record<string, unknown> {
  const out: Record<string, unknown> = { firstRun: agg.firstRun, endRun: agg.endRun, batch: agg.batch };
  for (const key of AGGREGATE_FIELD_NAMES) out[key] = Array.from(agg[key]);
  return out;
}

/**
 * The most bytes the JSON of an aggregate of this shape can take as written (2-space indented):
 * each cell an integer of at most 17 characters on a line of its own, plus the keys.
 */
export function aggregateJsonMaxBytes(s: AggregateShape): number {
  return 4096 + 24 * aggregateCells(s);
}

const sameRange = (o: Record<string, unknown>, r: BatchRange): boolean => {
  const batch = o.batch;
  if (batch === null || typeof batch !== 'object') return false;
  const b = batch as Record<string, unknown>;
  return o.firstRun === r.firstRun && o.endRun === r.endRun && b.firstRun === r.batch.firstRun && b.runs === r.batch.runs;
};

/**
 * Rebuilds the aggregate of the runs `range` of `compiled`, or returns what is wrong with the JSON
 * ("field: problem"): another range, a field of the wrong length or kind, a broken invariant.
 */
export function aggregateFromJson(json: unknown, compiled: CompiledScenario, range: BatchRange): Aggregate | string {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return 'expected an object';
  const o = json as Record<string, unknown>;
  if (!sameRange(o, range)) {
    return `firstRun, endRun, batch: expected runs ${range.firstRun} to ${range.endRun} of a batch of ${range.batch.runs} from run ${range.batch.firstRun} (as the manifest says)`;
  }
  const shape = aggregateShape(compiled, range);
  const cellProblem = checkAggregateCells(o, shape);
  if (cellProblem !== undefined) return cellProblem;
  const agg = createAggregate(compiled, range.batch, range.firstRun);
  agg.endRun = range.endRun;
  for (const key of AGGREGATE_FIELD_NAMES) {
    const values = o[key] as number[];
    const target = agg[key];
    if (Array.isArray(target)) target.push(...values);
    else target.set(values);
  }
  return checkAggregateInvariants(agg, shape) ?? agg;
}
