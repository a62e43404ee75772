/**
 * Draws every parameter slot of a scenario once, in slot order, from a run's RNG, then puts the
 * pinned values (CompiledScenario.pinned, NaN = not pinned) in their slots. Pinned slots are drawn
 * too, so every other slot gets the same draws whatever is pinned: common random numbers across
 * the points of a sweep or the arms of a sensitivity analysis.
 *
 * Speed: a `ParameterSampler`, made once per run context, holds the fixed values (they draw
 * nothing, so they are copied in one go) and each choice's cumulative table (walking a choice's
 * object of names at every draw was most of the sampling time); the draws and their order are
 * those of sampleDistribution slot by slot.
 */
import type { CompiledScenario } from '../negotiation/compiled-scenario.ts';
import { choiceTable, drawChoice, sampleDistribution, type ChoiceTable, type Rng } from '../scenario/sample.ts';
import type { Distribution } from '../scenario/param.ts';

export interface ParameterSampler {
  /** [slot] the fixed values (0 where a slot is drawn). */
  fixed: Float64Array;
  /** The slots that draw, in slot order, with their distributions and, for a choice, its table. */
  drawn: Int32Array;
  distributions: Distribution[];
  choices: (ChoiceTable | null)[];
}

export function parameterSampler(compiled: CompiledScenario): ParameterSampler {
  const fixed = new Float64Array(compiled.parameters.length);
  const drawn: number[] = [];
  const distributions: Distribution[] = [];
  const choices: (ChoiceTable | null)[] = [];
  compiled.parameters.forEach((parameter, k) => {
    const d = parameter.distribution;
    if (d.dist === 'fixed') {
      fixed[k] = d.value;
      return;
    }
    drawn.push(k);
    distributions.push(d);
    choices.push(d.dist === 'choice' ? choiceTable(d) : null);
  });
  return { fixed, drawn: Int32Array.from(drawn), distributions, choices };
}

export function sampleParameters(
  compiled: CompiledScenario,
  rng: Rng,
  out: Float64Array,
  sampler: ParameterSampler = parameterSampler(compiled),
): Float64Array {
  const { pinned } = compiled;
  const { drawn, distributions, choices } = sampler;
  out.set(sampler.fixed);
  for (let k = 0; k < drawn.length; k++) {
    const choice = choices[k];
    out[drawn[k]] = choice !== null ? drawChoice(choice, rng()) : sampleDistribution(distributions[k], rng);
  }
  if (pinned !== undefined) {
    for (let k = 0; k < compiled.parameters.length; k++) if (!Number.isNaN(pinned[k])) out[k] = pinned[k];
  }
  return out;
}
