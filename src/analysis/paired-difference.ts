/**
 * The change in P(deal) between two batches over the same runs (the same seeds, so run i of one
 * batch is paired with run i of the other: common random numbers), with its Monte Carlo error.
 *
 * Paired batch means (e.g. Law 2015, Simulation Modeling and Analysis, §9.5.3): each aggregate's
 * convergence trace records the cumulative deals at the same run positions (every ⌈n/200⌉ runs), so
 * the runs fall into B blocks that are identical in both batches. The block differences
 * D_b = deals_b(second) − deals_b(first) are independent, and the change d̄ = Σ D_b / n has
 *
 *   Var(d̄) ≈ B/(B − 1) · Σ_b (D_b − m_b d̄)² / n²       (m_b runs in block b; the cluster estimator)
 *
 * which is the variance of the mean of the per-run differences, estimated from ~200 blocks instead
 * of n runs. It is much smaller than the unpaired sum of the two binomial variances whenever the
 * pin changes the outcome of few runs: only runs whose outcome changes add to it.
 */
import type { Aggregate } from '../simulation/aggregate.ts';
import { Z95 } from '../simulation/wilson.ts';
import { rangeRuns } from '../simulation/run-range.ts';

export interface PairedChange {
  /** P(deal | second) − P(deal | first). */
  change: number;
  /** Standard error of the change (null with fewer than two blocks). */
  standardError: number | null;
  /** The 95% interval change ± 1.96 standard errors, clipped to [−1, 1]. */
  low: number;
  high: number;
  /** Number of blocks the error was estimated from. */
  blocks: number;
}

/** The paired change in the share of deals from `first` to `second`, two aggregates of the same runs. */
export function pairedDealChange(first: Aggregate, second: Aggregate): PairedChange {
  const n = rangeRuns(first);
  const sameRuns =
    n === rangeRuns(second) &&
    first.firstRun === second.firstRun &&
    first.traceRuns.length === second.traceRuns.length &&
    first.traceRuns.every((r, k) => r === second.traceRuns[k]);
  if (!sameRuns) throw new Error('a paired change needs two aggregates of the same runs');
  if (n === 0) return { change: 0, standardError: null, low: -1, high: 1, blocks: 0 };
  const blockRuns: number[] = [];
  const differences: number[] = [];
  let previousRuns = 0;
  let previousFirst = 0;
  let previousSecond = 0;
  for (let k = 0; k < first.traceRuns.length; k++) {
    blockRuns.push(first.traceRuns[k] - previousRuns);
    differences.push(second.traceDeals[k] - previousSecond - (first.traceDeals[k] - previousFirst));
    previousRuns = first.traceRuns[k];
    previousFirst = first.traceDeals[k];
    previousSecond = second.traceDeals[k];
  }
  const change = differences.reduce((s, d) => s + d, 0) / n;
  const blocks = differences.length;
  if (blocks < 2) return { change, standardError: null, low: -1, high: 1, blocks };
  const squares = differences.reduce((s, d, b) => s + (d - blockRuns[b] * change) ** 2, 0);
  const standardError = Math.sqrt((blocks / (blocks - 1)) * squares) / n;
  return {
    change,
    standardError,
    low: Math.max(-1, change - Z95 * standardError),
    high: Math.min(1, change + Z95 * standardError),
    blocks,
  };
}
