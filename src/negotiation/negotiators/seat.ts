/** Puts the strategy named in the model file into each actor's seat. */
import type { CompiledScenario, StrategyName } from '../compiled-scenario.ts';
import type { Negotiator } from '../negotiator.ts';
import { HardlinerNegotiator } from './hardliner.ts';
import { TimeBasedNegotiator } from './time-based.ts';

const strategies: Record<StrategyName, new (actor: number) => Negotiator> = {
  'time-based': TimeBasedNegotiator,
  hardliner: HardlinerNegotiator,
};

export function seatNegotiators(compiled: CompiledScenario): Negotiator[] {
  return compiled.actors.map((actor, a) => new strategies[actor.strategy](a));
}
