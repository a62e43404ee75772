/**
 * The Nash bargaining solution as a mechanism (Nash 1950): no bargaining is played out; each run
 * computes, from its sampled utilities, the individually rational package that maximizes the
 * product of the veto players' gains over their reservation utilities (solutions/nash-product.ts,
 * the problem as solutions/bargaining-problem.ts poses it), and the deal is made in round 1.
 * With no individually rational package there is no forecast (vetoed). Patience, breakdown risk,
 * strategies and the deadline play no part: the solution is where rational bargainers would end
 * up, not how they get there.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import { createBargainingProblem, poseBargainingProblem } from '../solutions/bargaining-problem.ts';
import { nashSolution } from '../solutions/nash-product.ts';
import { createForecastScratch, outcomeScales, settleForecast } from './forecast.ts';
import { allocateZone } from '../zone-of-agreement.ts';
import type { Mechanism } from './mechanism.ts';

export function createNash(compiled: CompiledScenario): Mechanism {
  const problem = createBargainingProblem(compiled);
  const scratch = createForecastScratch(outcomeScales(compiled), allocateZone(compiled));
  return (table, _seats, _rng, out) => settleForecast(table, nashSolution(poseBargainingProblem(problem, table)), 1, out, scratch);
}
