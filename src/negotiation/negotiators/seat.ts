/** Puts the strategy named in the model file into each actor's seat. */
import type { CompiledScenario, StrategyName } from '../compiled-scenario.ts';
import type { Negotiator } from '../negotiator.ts';
import { CommonKnowledge, EquilibriumNegotiator } from './equilibrium.ts';
import { HardlinerNegotiator } from './hardliner.ts';
import { TimeBasedNegotiator } from './time-based.ts';

const strategies: Record<StrategyName, new (actor: number, common: CommonKnowledge) => Negotiator> = {
  'time-based': TimeBasedNegotiator,
  hardliner: HardlinerNegotiator,
  equilibrium: EquilibriumNegotiator,
};

export function seatNegotiators(compiled: CompiledScenario): Negotiator[] {
  // Equilibrium seats share the complete-information solution (solved once per run).
  const common = new CommonKnowledge();
  return compiled.actors.map((actor, a) => new strategies[actor.strategy](a, common));
}
