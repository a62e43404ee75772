/**
 * The Kalai–Smorodinsky solution as a mechanism (Kalai & Smorodinsky 1975): each run computes,
 * from its sampled utilities, the individually rational package that gives the veto players the
 * same (largest) share of their ideal gains (solutions/kalai-smorodinsky.ts; the problem as
 * solutions/bargaining-problem.ts poses it), and the deal is made in round 1. With no
 * individually rational package the talks fail (breakdown). Patience, breakdown risk, strategies
 * and the deadline play no part.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Negotiator } from '../negotiator.ts';
import type { RunResult } from '../run-result.ts';
import type { Rng } from '../../scenario/sample.ts';
import { bargainingProblemOf } from '../solutions/bargaining-problem.ts';
import { kalaiSmorodinskySolution } from '../solutions/kalai-smorodinsky.ts';
import { settleForecast } from './forecast.ts';

/** Per scenario: the players' ideal utilities (scratch). */
const ideals = new WeakMap<CompiledScenario, Float64Array>();

export function kalaiSmorodinsky(table: NegotiationTable, _seats: readonly Negotiator[], _rng: Rng, out: RunResult): RunResult {
  const problem = bargainingProblemOf(table);
  let ideal = ideals.get(table.compiled);
  if (ideal === undefined) {
    ideal = new Float64Array(problem.players.length);
    ideals.set(table.compiled, ideal);
  }
  return settleForecast(table, kalaiSmorodinskySolution(problem, ideal), 1, out);
}
