/**
 * Reading actors' places on the issue scales from one run's sampled values: the one convention the
 * spatial models share — Bueno de Mesquita's expected-utility model (mechanisms/expected-utility.ts;
 * Bueno de Mesquita 1994, Scholz, Calbert & Smith 2011) and the compromise model
 * (compromise-position.ts; Achen 2006, decide's "NBS", github.com/foarsitter/decide-exchange-model).
 *
 * - Weights. c_a is the actor's sampled capability and s_ai its sampled salience of issue i: as
 *   sampled when the model's saliences are absolute (`saliences: absolute`, as `parley import`
 *   writes BDM, KTAB and decide data, whose models take them so), else rescaled so that the actor's
 *   saliences sum to 1 (as preferences.ts weighs utilities; 0 if they are all 0). If c_a·s_ai is 0
 *   for every actor on an issue, every actor counts equally there: c_a = s_ai = 1 (otherwise the
 *   compromise's weighted mean is undefined and the challenge model's median is its tie rule's
 *   lowest position).
 * - A categorical issue has no scale: its outcome is the option with the largest
 *   capability × salience weighted sum of the actors' option values, Σ_a c_a s_ai v_a(o)
 *   (ties: the lowest option index).
 * - An ordinal issue: actor a's position is the index of its best option (by its sampled option
 *   values) on the 0 … n − 1 scale; if several options tie for best, the mean of their indices (so
 *   the position does not depend on which end of the scale is listed first).
 *
 * Arrays are allocated once per scenario (`createSpatialScratch`) and refilled every run.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';

export interface SpatialScratch {
  /** [a] Σ_i of a's sampled saliences in this run (`readSalienceTotals`). */
  salienceTotal: Float64Array;
  /** [a] on the issue last read by `readIssueWeights`: c_a, s_ai and c_a·s_ai. */
  capability: Float64Array;
  salience: Float64Array;
  weight: Float64Array;
  /** [o] a categorical issue's weighted option scores. */
  score: Float64Array;
}

export function createSpatialScratch(compiled: CompiledScenario): SpatialScratch {
  const A = compiled.actors.length;
  return {
    salienceTotal: new Float64Array(A),
    capability: new Float64Array(A),
    salience: new Float64Array(A),
    weight: new Float64Array(A),
    score: new Float64Array(Math.max(1, ...compiled.issues.map((issue) => issue.options.length))),
  };
}

/** Fills each actor's salience total for this run; call once per run before `readIssueWeights`. */
export function readSalienceTotals(scratch: SpatialScratch, table: NegotiationTable): void {
  const { compiled, sampled } = table;
  const A = compiled.actors.length;
  const I = compiled.issues.length;
  const slot = compiled.slots.salience;
  for (let a = 0; a < A; a++) {
    let total = 0;
    for (let i = 0; i < I; i++) total += sampled[slot[a * I + i]];
    scratch.salienceTotal[a] = total;
  }
}

/** Fills c_a, s_ai and c_a·s_ai of every actor on issue i (everyone 1 if all the weights are 0). */
export function readIssueWeights(scratch: SpatialScratch, table: NegotiationTable, i: number): void {
  const { compiled, sampled, instance } = table;
  const { capability, salience, weight, salienceTotal } = scratch;
  const A = compiled.actors.length;
  const I = compiled.issues.length;
  const slot = compiled.slots.salience;
  let weightSum = 0;
  for (let a = 0; a < A; a++) {
    const raw = sampled[slot[a * I + i]];
    capability[a] = instance.capability[a];
    salience[a] = compiled.absoluteSaliences ? raw : salienceTotal[a] > 0 ? raw / salienceTotal[a] : 0;
    weight[a] = capability[a] * salience[a];
    weightSum += weight[a];
  }
  if (!(weightSum > 0)) {
    capability.fill(1);
    salience.fill(1);
    weight.fill(1);
  }
}

/** Categorical issue i: the option with the largest Σ_a weight_a v_a(o) (weights from `readIssueWeights`; ties: the lowest index). */
export function weightedFavourite(scratch: SpatialScratch, table: NegotiationTable, i: number): number {
  const { compiled, sampled } = table;
  const { score, weight } = scratch;
  const n = compiled.issues[i].options.length;
  const slots = compiled.slots.optionValue;
  score.fill(0, 0, n);
  for (let a = 0; a < compiled.actors.length; a++) {
    const base = a * compiled.optionCount + compiled.optionOffset[i];
    for (let o = 0; o < n; o++) score[o] += weight[a] * sampled[slots[base + o]];
  }
  let best = 0;
  for (let o = 1; o < n; o++) if (score[o] > score[best]) best = o;
  return best;
}

/** Ordinal issue i: actor a's best option index by its sampled option values (tied bests: the mean of their indices). */
export function ordinalPosition(compiled: CompiledScenario, sampled: Float64Array, a: number, i: number): number {
  const base = a * compiled.optionCount + compiled.optionOffset[i];
  const slots = compiled.slots.optionValue;
  const n = compiled.issues[i].options.length;
  let bestValue = -Infinity;
  let indexSum = 0;
  let ties = 0;
  for (let o = 0; o < n; o++) {
    const value = sampled[slots[base + o]];
    if (value > bestValue) {
      bestValue = value;
      indexSum = o;
      ties = 1;
    } else if (value === bestValue) {
      indexSum += o;
      ties++;
    }
  }
  return indexSum / ties;
}
