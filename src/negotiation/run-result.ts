/**
 * What one negotiation produced. Mechanisms fill it; only the simulation's aggregate turns
 * results into statistics.
 */
import type { ActorIndex, PackageId } from './compiled-scenario.ts';

/**
 * How a run ended. Talks (mechanism-kind.ts): deal — every actor whose consent the package needs
 * accepted it; breakdown — talks collapsed after a rejected round (the war goes on); deadline —
 * the last round before the deadline passed without a deal; stalled — an open-ended negotiation
 * reached the safety cap (maxRounds) without a deal or a collapse. Forecasts: deal — the forecast
 * package is accepted by every actor whose consent it needs; vetoed — some such actor values it
 * below its reservation utility (or, for a solution concept, no package is acceptable to all).
 */
export const Status = { Deal: 0, Breakdown: 1, Deadline: 2, Vetoed: 3, Stalled: 4 } as const;
export type Status = (typeof Status)[keyof typeof Status];

export const STATUS_NAMES = ['deal', 'breakdown', 'deadline', 'vetoed', 'stalled'] as const;
export type StatusName = (typeof STATUS_NAMES)[number];
export const STATUS_COUNT = STATUS_NAMES.length;

export interface RunResult {
  status: Status;
  /** The round (1-based) in which the deal was made or talks ended. */
  round: number;
  /** The agreed package, or −1 without a deal. */
  packageId: PackageId;
  /** [a] utility of the outcome to each actor: its reservation utility without a deal; with a deal
   * in round k, r + δ^(k−1)(u − r) (the gain over war, discounted by the rounds it took). */
  utilities: Float64Array;
  /** The index (in compiled.mechanisms) of the mechanism this run was played under. */
  mechanism: number;
  /**
   * Forecasts: the package the mechanism forecast (accepted or not), −1 if it names none (a
   * solution concept with no package every needed actor accepts). Talks: −1.
   */
  forecast: PackageId;
  /** Vetoed forecasts: the actor whose reservation utility the forecast misses by most, its
   * shortfall r − u, and the consent bits (over compiled.consenters) of every actor it misses. */
  vetoActor: ActorIndex;
  vetoShortfall: number;
  vetoMask: number;
  /** Vetoed forecasts: the package nearest the forecast that every actor whose consent it needs
   * accepts (−1 if there is none), and its distance from the forecast (forecast.ts's metric). */
  nearestAccepted: PackageId;
  nearestDistance: number;
}

export function allocateRunResult(actorCount: number): RunResult {
  return {
    status: Status.Deadline,
    round: 0,
    packageId: -1,
    utilities: new Float64Array(actorCount),
    mechanism: 0,
    forecast: -1,
    vetoActor: -1,
    vetoShortfall: 0,
    vetoMask: 0,
    nearestAccepted: -1,
    nearestDistance: 0,
  };
}

/** Clears what only forecasts fill (settle calls it, so a result never keeps an earlier run's). */
export function clearForecast(out: RunResult): void {
  out.forecast = -1;
  out.vetoActor = -1;
  out.vetoShortfall = 0;
  out.vetoMask = 0;
  out.nearestAccepted = -1;
  out.nearestDistance = 0;
}
