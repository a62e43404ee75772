/**
 * Bueno de Mesquita's expected-utility ("challenge") model as a parley mechanism (Bueno de
 * Mesquita 1994, 2002; the algorithm as Scholz, Calbert & Smith 2011 write it out, in
 * ../expected-utility/model.ts). It forecasts rather than bargains: the negotiators in the seats
 * are not asked.
 *
 * Per run and per issue, from the run's sampled parameters, read as every spatial model reads them
 * (../solutions/spatial-positions.ts):
 * - capability c_a = the actor's sampled capability;
 * - salience s_a = its sampled salience of the issue rescaled so that its saliences sum to 1 (as
 *   in preferences.ts; 0 if they are all 0), or as sampled when the model's saliences are absolute;
 *   if c_a·s_a is 0 for every actor, everyone counts equally (c_a = s_a = 1);
 * - position x_a: a continuous issue → the actor's sampled ideal point, clamped to the issue's
 *   range, with d = the range; an ordinal issue → the index of its best option on the 0 … n−1 scale
 *   (ties: the mean of the tied indices), d = n − 1.
 * The model plays rounds until nobody moves (a round depends only on the positions, so that is a
 * fixed point) or `compiled.rounds` rounds have passed (it can oscillate; then the last round's
 * positions count). The issue's forecast is the weighted Condorcet median μ of the final positions.
 *
 * A categorical issue has no scale to move along, so there is no challenge model on it: its
 * forecast is the option with the largest capability×salience-weighted sum of the actors' option
 * values, Σ_a c_a s_a v_a(o) (ties: the lowest option index).
 *
 * The forecasts go to the nearest feasible package (forecast.ts), which is accepted if every
 * actor whose consent it needs gets at least its reservation utility, else vetoed. It is dated in
 * the round in which the slowest issue settled.
 *
 * Scratch space is allocated once per run context, by the factory, and reused by every run.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import { createEuModel, playRound, resetEuModel } from '../expected-utility/model.ts';
import { createSpatialScratch, ordinalPosition, readIssueWeights, readSalienceTotals, weightedFavourite } from '../solutions/spatial-positions.ts';
import { createForecastScratch, nearestPackage, outcomeScales, settleForecast } from './forecast.ts';
import { allocateZone } from '../zone-of-agreement.ts';
import type { Mechanism } from './mechanism.ts';

export function createExpectedUtilityMechanism(compiled: CompiledScenario): Mechanism {
  const A = compiled.actors.length;
  const I = compiled.issues.length;
  const model = createEuModel(A);
  const spatial = createSpatialScratch(compiled);
  const position = new Float64Array(A);
  /** [i] the forecast on issue i in option-index units. */
  const target = new Float64Array(I);
  const scales = outcomeScales(compiled);
  const forecast = createForecastScratch(scales, allocateZone(compiled));

  return (table, _seats, _rng, out) => {
    const { sampled } = table;
    readSalienceTotals(spatial, table);
    let roundsPlayed = 1;
    for (let i = 0; i < I; i++) {
      const issue = compiled.issues[i];
      // Absolute saliences (BDM's own data) enter as they are; relative ones rescaled to sum to 1.
      readIssueWeights(spatial, table, i);
      if (issue.kind === 'categorical') {
        target[i] = weightedFavourite(spatial, table, i);
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
        for (let a = 0; a < A; a++) position[a] = ordinalPosition(compiled, sampled, a, i);
      }
      resetEuModel(model, spatial.capability, spatial.salience, position, hi > lo ? hi - lo : 1);
      table.observer?.euRound?.(i, 0, model);
      let played = 1;
      for (let round = 1; round <= table.instance.rounds; round++) {
        played = round;
        const moved = playRound(model);
        table.observer?.euRound?.(i, round, model);
        if (!moved) break;
      }
      if (played > roundsPlayed) roundsPlayed = played;
      target[i] = hi > lo ? ((model.median - lo) / (hi - lo)) * steps : 0;
    }
    return settleForecast(table, nearestPackage(scales, target), roundsPlayed, out, forecast);
  };
}
