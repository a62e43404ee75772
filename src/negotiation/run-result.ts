/**
 * What one negotiation produced. Mechanisms fill it; only the simulation's aggregate turns
 * results into statistics.
 */
import type { PackageId } from './compiled-scenario.ts';

/** deal: every actor whose consent the package needs accepted it; breakdown: talks collapsed
 * after a rejected round (the war goes on); deadline: the last round passed without a deal. */
export const Status = { Deal: 0, Breakdown: 1, Deadline: 2 } as const;
export type Status = (typeof Status)[keyof typeof Status];

export const STATUS_NAMES = ['deal', 'breakdown', 'deadline'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];

export interface RunResult {
  status: Status;
  /** The round (1-based) in which the deal was made or talks ended. */
  round: number;
  /** The agreed package, or −1 without a deal. */
  packageId: PackageId;
  /** [a] utility of the outcome to each actor: its reservation utility without a deal; with a deal
   * in round k, r + δ^(k−1)(u − r) (the gain over war, discounted by the rounds it took). */
  utilities: Float64Array;
}

export function allocateRunResult(actorCount: number): RunResult {
  return { status: Status.Deadline, round: 0, packageId: -1, utilities: new Float64Array(actorCount) };
}
