/**
 * The change in P(deal) between two batches over the same runs (the same seeds, so run i of one
 * batch is paired with run i of the other: common random numbers), with its Monte Carlo error.
 *
 * Paired batch means (e.g. Law 2015, Simulation Modeling and Analysis, §9.5.3): each batch's
 * convergence trace (an aggregate's traceRuns and traceDeals, a summary's `convergence`) records
 * the cumulative deals at the same run positions (every ⌈n/200⌉ runs), so the runs fall into B
 * blocks that are identical in both batches. The block differences
 * D_b = deals_b(second) − deals_b(first) are independent, and the change d̄ = Σ D_b / n has
 *
 *   Var(d̄) ≈ B/(B − 1) · Σ_b (D_b − m_b d̄)² / n²       (m_b runs in block b; the cluster estimator)
 *
 * which is the variance of the mean of the per-run differences, estimated from ~200 blocks instead
 * of n runs. It is much smaller than the unpaired sum of the two binomial variances whenever the
 * pin changes the outcome of few runs: only runs whose outcome changes add to it.
 */
import { Z95 } from './wilson.ts';

/** A convergence trace: after the first `runs[k]` runs of the batch, `deals[k]` deals (the last point is the whole batch). */
export interface DealTrace {
  runs: readonly number[];
  deals: readonly number[];
}

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

/** Whether two traces mark the same run positions (a precondition of pairing them). */
export function sameTracePositions(first: DealTrace, second: DealTrace): boolean {
  return first.runs.length === second.runs.length && first.runs.every((r, k) => r === second.runs[k]);
}

/** The paired change in the share of deals from `first` to `second`, two traces of the same runs. */
export function pairedTraceChange(first: DealTrace, second: DealTrace): PairedChange {
  if (!sameTracePositions(first, second)) throw new Error('a paired change needs two traces of the same runs');
  const n = first.runs.at(-1) ?? 0;
  if (n === 0) return { change: 0, standardError: null, low: -1, high: 1, blocks: 0 };
  const blockRuns: number[] = [];
  const differences: number[] = [];
  let previousRuns = 0;
  let previousFirst = 0;
  let previousSecond = 0;
  for (let k = 0; k < first.runs.length; k++) {
    blockRuns.push(first.runs[k] - previousRuns);
    differences.push(second.deals[k] - previousSecond - (first.deals[k] - previousFirst));
    previousRuns = first.runs[k];
    previousFirst = first.deals[k];
    previousSecond = second.deals[k];
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
