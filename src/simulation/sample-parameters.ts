/**
 * Draws every parameter slot of a scenario once, in slot order, from a run's RNG, then puts the
 * pinned values (CompiledScenario.pinned, NaN = not pinned) in their slots. Pinned slots are drawn
 * too, so every other slot gets the same draws whatever is pinned: common random numbers across
 * the points of a sweep or the arms of a sensitivity analysis.
 *
 * Speed: a `ParameterSampler`, made once per run context, holds the fixed values (they draw
 * nothing, so they are copied in one go) and each choice's cumulative table (walking a choice's
 * object of names at every draw was most of the sampling time), and draws the uniform and
 * bernoulli slots — most of a model's — in its own loop with their numbers in typed arrays (a
 * call to sampleDistribution per slot returned each draw as a new heap number, the only garbage
 * a run made); the draws, their order and their arithmetic are those of sampleDistribution slot
 * by slot.
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
  /** [k] how drawn slot k is drawn here (Draw), and its numbers: uniform min and max − min; bernoulli p, ifTrue and ifFalse. */
  draw: Uint8Array;
  first: Float64Array;
  second: Float64Array;
  third: Float64Array;
}

/** How a drawn slot is drawn: by sampleDistribution, or in sampleParameters' own loop. */
const Draw = { Distribution: 0, Uniform: 1, Bernoulli: 2, Choice: 3 } as const;

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
  const draw = new Uint8Array(drawn.length);
  const first = new Float64Array(drawn.length);
  const second = new Float64Array(drawn.length);
  const third = new Float64Array(drawn.length);
  distributions.forEach((d, k) => {
    if (d.dist === 'uniform') {
      draw[k] = Draw.Uniform;
      first[k] = d.min;
      second[k] = d.max - d.min;
    } else if (d.dist === 'bernoulli') {
      draw[k] = Draw.Bernoulli;
      first[k] = d.p;
      second[k] = d.ifTrue;
      third[k] = d.ifFalse;
    } else if (d.dist === 'choice') {
      draw[k] = Draw.Choice;
    }
  });
  return { fixed, drawn: Int32Array.from(drawn), distributions, choices, draw, first, second, third };
}

export function sampleParameters(
  compiled: CompiledScenario,
  rng: Rng,
  out: Float64Array,
  sampler: ParameterSampler = parameterSampler(compiled),
): Float64Array {
  const { pinned } = compiled;
  const { drawn, distributions, choices, draw, first, second, third } = sampler;
  out.set(sampler.fixed);
  for (let k = 0; k < drawn.length; k++) {
    const how = draw[k];
    if (how === Draw.Uniform) out[drawn[k]] = first[k] + second[k] * rng();
    else if (how === Draw.Bernoulli) out[drawn[k]] = rng() < first[k] ? second[k] : third[k];
    else if (how === Draw.Choice) out[drawn[k]] = drawChoice(choices[k]!, rng());
    else out[drawn[k]] = sampleDistribution(distributions[k], rng);
  }
  if (pinned !== undefined) {
    for (let k = 0; k < compiled.parameters.length; k++) if (!Number.isNaN(pinned[k])) out[k] = pinned[k];
  }
  return out;
}
