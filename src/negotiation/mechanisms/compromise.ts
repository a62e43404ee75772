/**
 * The compromise model as a mechanism (Achen 2006; decide's "NBS"): each run takes, on every
 * issue, the capability × salience weighted mean of the actors' positions from its sampled
 * parameters (solutions/compromise-position.ts; a categorical issue, which has no mean, takes the
 * option with the largest weighted sum of values), then the feasible package nearest that point
 * (forecast.ts). The deal is made in round 1 if every actor whose consent the package needs gets
 * at least its reservation utility; otherwise it is vetoed (forecast.ts). Reservation utilities
 * enter only through that check; patience, breakdown risk, strategies and interactions between
 * terms play no part in where the point lies.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import { compromisePosition, createCompromiseScratch } from '../solutions/compromise-position.ts';
import { createForecastScratch, nearestPackage, outcomeScales, settleForecast } from './forecast.ts';
import { allocateZone } from '../zone-of-agreement.ts';
import type { Mechanism } from './mechanism.ts';

export function createCompromise(compiled: CompiledScenario): Mechanism {
  const scratch = createCompromiseScratch(compiled);
  const scales = outcomeScales(compiled);
  const forecast = createForecastScratch(scales, allocateZone(compiled));
  return (table, _seats, _rng, out) => settleForecast(table, nearestPackage(scales, compromisePosition(scratch, table)), 1, out, forecast);
}
