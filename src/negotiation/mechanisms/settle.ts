/**
 * How a negotiation ends, written into the run's result: the status, the round, the package
 * (−1: none) and each actor's payoff — the deal's utility discounted by its patience to the round,
 * r + δ^(round−1)·(u − r) (Rubinstein 1982), or its reservation without a deal.
 */
import type { NegotiationTable } from '../negotiation-table.ts';
import { clearForecast, type RunResult, type Status } from '../run-result.ts';

/** Ends a negotiation: a deal on `packageId` in `round` (1-based), or none (−1). */
export function settle(out: RunResult, status: Status, round: number, packageId: number, table: NegotiationTable): RunResult {
  const { instance } = table;
  const P = instance.packageCount;
  out.status = status;
  out.round = round;
  out.packageId = packageId;
  clearForecast(out);
  for (let a = 0; a < instance.actorCount; a++) {
    const reservation = instance.reservation[a];
    out.utilities[a] =
      packageId >= 0 ? reservation + Math.pow(instance.patience[a], round - 1) * (instance.utility[a * P + packageId] - reservation) : reservation;
  }
  return out;
}
