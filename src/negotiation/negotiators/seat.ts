/**
 * Puts the strategy named in the model file into each actor's seat. A seat whose strategy is a
 * choice (compiled.strategies[a] has several) gets one negotiator per alternative, made once per
 * run context; `takeSeats` puts this run's into the seats.
 */
import type { CompiledScenario, StrategyName } from '../compiled-scenario.ts';
import type { Negotiator } from '../negotiator.ts';
import type { Instance } from '../preferences.ts';
import { CommonKnowledge, EquilibriumNegotiator } from './equilibrium.ts';
import { HardlinerNegotiator } from './hardliner.ts';
import { TimeBasedNegotiator } from './time-based.ts';

const strategies: Record<StrategyName, new (actor: number, common: CommonKnowledge) => Negotiator> = {
  'time-based': TimeBasedNegotiator,
  hardliner: HardlinerNegotiator,
  equilibrium: EquilibriumNegotiator,
};

/** [a][k] a negotiator of actor a's k-th possible strategy. */
export type SeatPool = Negotiator[][];

export function seatPool(compiled: CompiledScenario): SeatPool {
  // Equilibrium seats share the complete-information solution (solved once per run).
  const common = new CommonKnowledge();
  return compiled.strategies.map((names, a) => names.map((name) => new strategies[name](a, common)));
}

/** Fills `seats` with this run's negotiators (instance.strategy). */
export function takeSeats(pool: SeatPool, instance: Instance, seats: Negotiator[]): Negotiator[] {
  for (let a = 0; a < pool.length; a++) seats[a] = pool[a][instance.strategy[a]];
  return seats;
}

/** One negotiator per seat, for a scenario whose strategies are fixed (tests, checks). */
export function seatNegotiators(compiled: CompiledScenario): Negotiator[] {
  return seatPool(compiled).map((alternatives) => alternatives[0]);
}
