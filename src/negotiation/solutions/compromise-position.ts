/**
 * The compromise model's outcome on each issue, from one run's sampled parameters: the
 * capability × salience weighted mean of the actors' positions (Achen 2006; the "NBS" of decide,
 * github.com/foarsitter/decide-exchange-model: Σ c·s·x / Σ c·s), with
 *
 * - c_a the actor's capability and s_ai its salience of the issue: as the model gives it when
 *   saliences are absolute (`saliences: absolute`, as `parley import` writes decide, BDM and KTAB
 *   data — decide's Σ c·s·x / Σ c·s exactly), else rescaled so that the actor's saliences sum to
 *   1 (as preferences.ts weighs utilities);
 * - x_ai its position: on a continuous issue its ideal point; on an ordinal issue the index of its
 *   best option (the mean index if several tie).
 *
 * A categorical issue has no order, hence no mean: there the compromise is the option with the
 * largest capability × salience weighted sum of the actors' values of it (ties: the first). If
 * every weight on an issue is 0, the actors count equally.
 *
 * Positions are returned in option-index units (0 … options − 1, fractional between levels), as
 * `nearestPackage` (mechanisms/forecast.ts) takes them.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { weightedMean } from './weighted-mean.ts';

interface Scratch {
  weights: Float64Array;
  positions: Float64Array;
  salienceTotal: Float64Array;
  scores: Float64Array;
  target: Float64Array;
}

const scratches = new WeakMap<CompiledScenario, Scratch>();

function scratchOf(compiled: CompiledScenario): Scratch {
  let scratch = scratches.get(compiled);
  if (scratch === undefined) {
    const A = compiled.actors.length;
    const maxOptions = Math.max(...compiled.issues.map((issue) => issue.options.length));
    scratch = {
      weights: new Float64Array(A),
      positions: new Float64Array(A),
      salienceTotal: new Float64Array(A),
      scores: new Float64Array(maxOptions),
      target: new Float64Array(compiled.issues.length),
    };
    scratches.set(compiled, scratch);
  }
  return scratch;
}

/** Fills and returns the compromise position of every issue (valid until the next call for this scenario). */
export function compromisePosition(table: NegotiationTable): Float64Array {
  const { compiled, instance, sampled } = table;
  const { issues, slots, optionOffset, optionCount } = compiled;
  const A = instance.actorCount;
  const I = issues.length;
  const { weights, positions, salienceTotal, scores, target } = scratchOf(compiled);
  for (let a = 0; a < A; a++) {
    let total = 0;
    for (let i = 0; i < I; i++) total += sampled[slots.salience[a * I + i]];
    salienceTotal[a] = total;
  }
  for (let i = 0; i < I; i++) {
    let weightSum = 0;
    for (let a = 0; a < A; a++) {
      const raw = sampled[slots.salience[a * I + i]];
      const share = compiled.absoluteSaliences ? raw : salienceTotal[a] > 0 ? raw / salienceTotal[a] : 0;
      weights[a] = instance.capability[a] * share;
      weightSum += weights[a];
    }
    if (!(weightSum > 0)) weights.fill(1);
    const issue = issues[i];
    const optionsAt = (a: number) => a * optionCount + optionOffset[i];
    const n = issue.options.length;
    if (issue.kind === 'categorical') {
      scores.fill(0, 0, n);
      for (let a = 0; a < A; a++) {
        for (let o = 0; o < n; o++) scores[o] += weights[a] * sampled[slots.optionValue[optionsAt(a) + o]];
      }
      let chosen = 0;
      for (let o = 1; o < n; o++) if (scores[o] > scores[chosen]) chosen = o;
      target[i] = chosen;
      continue;
    }
    for (let a = 0; a < A; a++) {
      if (issue.kind === 'continuous') {
        const levels = issue.levels!;
        const lo = levels[0];
        const width = levels[n - 1] - lo;
        positions[a] = width > 0 ? ((sampled[slots.ideal[a * I + i]] - lo) / width) * (n - 1) : 0;
      } else {
        let bestValue = -Infinity;
        let indexSum = 0;
        let ties = 0;
        for (let o = 0; o < n; o++) {
          const value = sampled[slots.optionValue[optionsAt(a) + o]];
          if (value > bestValue) {
            bestValue = value;
            indexSum = o;
            ties = 1;
          } else if (value === bestValue) {
            indexSum += o;
            ties++;
          }
        }
        positions[a] = indexSum / ties;
      }
    }
    target[i] = weightedMean(positions, weights);
  }
  return target;
}
