/**
 * Draws every parameter slot of a scenario once, in slot order, from a run's RNG, then puts the
 * pinned values (CompiledScenario.pinned, NaN = not pinned) in their slots. Pinned slots are drawn
 * too, so every other slot gets the same draws whatever is pinned: common random numbers across
 * the points of a sweep or the arms of a sensitivity analysis.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { sampleDistribution, type Rng } from '../scenario/sample.ts';

export function sampleParameters(compiled: CompiledScenario, rng: Rng, out: Float64Array): Float64Array {
  const { parameters, pinned } = compiled;
  for (let k = 0; k < parameters.length; k++) out[k] = sampleDistribution(parameters[k].distribution, rng);
  if (pinned !== undefined) {
    for (let k = 0; k < parameters.length; k++) if (!Number.isNaN(pinned[k])) out[k] = pinned[k];
  }
  return out;
}
