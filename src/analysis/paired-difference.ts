/**
 * The change in P(deal) between two aggregates over the same runs (the same seeds: common random
 * numbers), paired run block by run block (simulation/paired-trace.ts has the estimator).
 */
import type { Aggregate } from '../simulation/aggregate.ts';
import { pairedTraceChange, type PairedChange } from '../simulation/paired-trace.ts';
import { rangeRuns } from '../simulation/run-range.ts';

export type { PairedChange };

/** The paired change in the share of deals from `first` to `second`, two aggregates of the same runs. */
export function pairedDealChange(first: Aggregate, second: Aggregate): PairedChange {
  const n = rangeRuns(first);
  if (n !== rangeRuns(second) || first.firstRun !== second.firstRun) throw new Error('a paired change needs two aggregates of the same runs');
  if (n === 0) return { change: 0, standardError: null, low: -1, high: 1, blocks: 0 };
  return pairedTraceChange({ runs: first.traceRuns, deals: first.traceDeals }, { runs: second.traceRuns, deals: second.traceDeals });
}
