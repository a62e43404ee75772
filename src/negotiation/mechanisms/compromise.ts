/**
 * The compromise model as a mechanism (Achen 2006; decide's "NBS"): each run takes, on every
 * issue, the capability × salience weighted mean of the actors' positions from its sampled
 * parameters (solutions/compromise-position.ts; a categorical issue, which has no mean, takes the
 * option with the largest weighted sum of values), then the feasible package nearest that point
 * (forecast.ts). The deal is made in round 1 if every actor whose consent the package needs gets
 * at least its reservation utility; otherwise the talks fail (breakdown). Reservation utilities
 * enter only through that check; patience, breakdown risk, strategies and interactions between
 * terms play no part in where the point lies.
 */
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Negotiator } from '../negotiator.ts';
import type { RunResult } from '../run-result.ts';
import type { Rng } from '../../scenario/sample.ts';
import { compromisePosition } from '../solutions/compromise-position.ts';
import { nearestPackage, settleForecast } from './forecast.ts';

export function compromise(table: NegotiationTable, _seats: readonly Negotiator[], _rng: Rng, out: RunResult): RunResult {
  return settleForecast(table, nearestPackage(table.compiled, compromisePosition(table)), 1, out);
}
