/**
 * Bueno de Mesquita's expected-utility ("challenge") model as a parley mechanism (Bueno de
 * Mesquita 1994, 2002; the algorithm as Scholz, Calbert & Smith 2011 write it out, in
 * ../expected-utility/model.ts). It forecasts rather than bargains: the negotiators in the seats
 * are not asked.
 *
 * Per run and per issue, from the run's sampled parameters:
 * - capability c_a = the actor's sampled capability;
 * - salience s_a = its sampled salience of the issue rescaled so that its saliences sum to 1 (as
 *   in preferences.ts; 0 if they are all 0);
 * - position x_a: a continuous issue → the actor's sampled ideal point, clamped to the issue's
 *   range, with d = the range; an ordinal issue → the index of its best option on the 0 … n−1 scale
 *   (ties: the lowest index), d = n − 1.
 * The model plays rounds until nobody moves (a round depends only on the positions, so that is a
 * fixed point) or `compiled.rounds` rounds have passed (it can oscillate; then the last round's
 * positions count). The issue's forecast is the weighted Condorcet median μ of the final positions.
 *
 * A categorical issue has no scale to move along, so there is no challenge model on it: its
 * forecast is the option with the largest capability×salience-weighted sum of the actors' option
 * values, Σ_a c_a s_a v_a(o) (ties: the lowest option index).
 *
 * The forecasts go to the nearest feasible package (forecast.ts), which becomes a deal if every
 * actor whose consent it needs gets at least its reservation utility, else the talks break down. The
 * deal (or breakdown) comes in the round in which the slowest issue settled.
 *
 * Scratch space is allocated once per compiled scenario (kept in a WeakMap, so the registry keeps
 * plain functions) and reused by every run.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import { createEuModel, playRound, resetEuModel, type EuModel } from '../expected-utility/model.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Negotiator } from '../negotiator.ts';
import type { RunResult } from '../run-result.ts';
import type { Rng } from '../../scenario/sample.ts';
import { nearestPackage, settleForecast } from './forecast.ts';

interface Scratch {
  model: EuModel;
  capability: Float64Array;
  salience: Float64Array;
  position: Float64Array;
  /** [a] Σ_i of a's sampled saliences. */
  salienceSum: Float64Array;
  /** [i] the forecast on issue i in option-index units. */
  target: Float64Array;
  /** [o] a categorical issue's weighted option scores. */
  score: Float64Array;
}

const scratchByScenario = new WeakMap<CompiledScenario, Scratch>();

function scratchFor(compiled: CompiledScenario): Scratch {
  let scratch = scratchByScenario.get(compiled);
  if (scratch === undefined) {
    const A = compiled.actors.length;
    scratch = {
      model: createEuModel(A),
      capability: new Float64Array(A),
      salience: new Float64Array(A),
      position: new Float64Array(A),
      salienceSum: new Float64Array(A),
      target: new Float64Array(compiled.issues.length),
      score: new Float64Array(Math.max(1, ...compiled.issues.map((issue) => issue.options.length))),
    };
    scratchByScenario.set(compiled, scratch);
  }
  return scratch;
}

/** The option of issue i with the largest value to actor a (sampled option values; ties: lowest). */
function bestOption(compiled: CompiledScenario, sampled: Float64Array, a: number, i: number): number {
  const base = a * compiled.optionCount + compiled.optionOffset[i];
  const slots = compiled.slots.optionValue;
  let best = 0;
  for (let o = 1; o < compiled.issues[i].options.length; o++) if (sampled[slots[base + o]] > sampled[slots[base + best]]) best = o;
  return best;
}

/** Categorical issue i: the option with the largest Σ_a c_a s_a v_a(o). */
function weightedFavourite(compiled: CompiledScenario, sampled: Float64Array, scratch: Scratch, i: number): number {
  const n = compiled.issues[i].options.length;
  const { score, capability, salience } = scratch;
  score.fill(0, 0, n);
  const slots = compiled.slots.optionValue;
  for (let a = 0; a < compiled.actors.length; a++) {
    const weight = capability[a] * salience[a];
    const base = a * compiled.optionCount + compiled.optionOffset[i];
    for (let o = 0; o < n; o++) score[o] += weight * sampled[slots[base + o]];
  }
  let best = 0;
  for (let o = 1; o < n; o++) if (score[o] > score[best]) best = o;
  return best;
}

export function expectedUtilityMechanism(table: NegotiationTable, _seats: readonly Negotiator[], _rng: Rng, out: RunResult): RunResult {
  const { compiled, instance, sampled } = table;
  const scratch = scratchFor(compiled);
  const { model, capability, salience, position, salienceSum, target } = scratch;
  const A = compiled.actors.length;
  const I = compiled.issues.length;
  const salienceSlot = compiled.slots.salience;

  for (let a = 0; a < A; a++) {
    let sum = 0;
    for (let i = 0; i < I; i++) sum += sampled[salienceSlot[a * I + i]];
    salienceSum[a] = sum;
    capability[a] = instance.capability[a];
  }

  let roundsPlayed = 1;
  for (let i = 0; i < I; i++) {
    const issue = compiled.issues[i];
    // Absolute saliences (BDM's own data) enter as they are; relative ones rescaled to sum to 1.
    for (let a = 0; a < A; a++) {
      const raw = sampled[salienceSlot[a * I + i]];
      salience[a] = compiled.absoluteSaliences ? raw : salienceSum[a] > 0 ? raw / salienceSum[a] : 0;
    }
    if (issue.kind === 'categorical') {
      target[i] = weightedFavourite(compiled, sampled, scratch, i);
      continue;
    }
    const steps = issue.options.length - 1;
    let lo = 0;
    let hi = steps;
    if (issue.kind === 'continuous') {
      const levels = issue.levels!;
      lo = levels[0];
      hi = levels[levels.length - 1];
      for (let a = 0; a < A; a++) position[a] = Math.min(hi, Math.max(lo, sampled[compiled.slots.ideal[a * I + i]]));
    } else {
      for (let a = 0; a < A; a++) position[a] = bestOption(compiled, sampled, a, i);
    }
    resetEuModel(model, capability, salience, position, hi > lo ? hi - lo : 1);
    let played = 1;
    for (let round = 1; round <= compiled.rounds; round++) {
      played = round;
      if (!playRound(model)) break;
    }
    if (played > roundsPlayed) roundsPlayed = played;
    target[i] = hi > lo ? ((model.median - lo) / (hi - lo)) * steps : 0;
  }
  return settleForecast(table, nearestPackage(compiled, target), roundsPlayed, out);
}
