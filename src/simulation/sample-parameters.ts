/** Draws every parameter slot of a scenario once, in slot order, from a run's RNG. */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { sampleDistribution, type Rng } from '../scenario/sample.ts';

export function sampleParameters(compiled: CompiledScenario, rng: Rng, out: Float64Array): Float64Array {
  const { parameters } = compiled;
  for (let k = 0; k < parameters.length; k++) out[k] = sampleDistribution(parameters[k].distribution, rng);
  return out;
}
