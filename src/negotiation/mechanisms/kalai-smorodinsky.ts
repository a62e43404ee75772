/**
 * The Kalai–Smorodinsky solution as a mechanism (Kalai & Smorodinsky 1975): each run computes,
 * from its sampled utilities, the individually rational package that gives the veto players the
 * same (largest) share of their ideal gains (solutions/kalai-smorodinsky.ts; the problem as
 * solutions/bargaining-problem.ts poses it), and the deal is made in round 1. With no
 * individually rational package there is no forecast: it is vetoed by whoever is short at the package closest to agreement. Patience, breakdown risk, strategies
 * and the deadline play no part.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import { createBargainingProblem, poseBargainingProblem } from '../solutions/bargaining-problem.ts';
import { kalaiSmorodinskySolution } from '../solutions/kalai-smorodinsky.ts';
import { createForecastScratch, outcomeScales, settleForecast } from './forecast.ts';
import { allocateZone } from '../zone-of-agreement.ts';
import type { Mechanism } from './mechanism.ts';

export function createKalaiSmorodinsky(compiled: CompiledScenario): Mechanism {
  const problem = createBargainingProblem(compiled);
  /** The players' ideal utilities (scratch). */
  const ideal = new Float64Array(problem.players.length);
  const scratch = createForecastScratch(outcomeScales(compiled), allocateZone(compiled));
  return (table, _seats, _rng, out) => settleForecast(table, kalaiSmorodinskySolution(poseBargainingProblem(problem, table), ideal), 1, out, scratch);
}
