/**
 * The compromise model's outcome on each issue, from one run's sampled parameters: the
 * capability × salience weighted mean of the actors' positions (Achen 2006; the "NBS" of decide,
 * github.com/foarsitter/decide-exchange-model: Σ c·s·x / Σ c·s), with c_a, s_ai and the positions
 * x_ai read as spatial-positions.ts reads them for every spatial model: saliences as the model
 * gives them when they are absolute (`saliences: absolute`, as `parley import` writes decide, BDM
 * and KTAB data — decide's Σ c·s·x / Σ c·s exactly), else rescaled so that the actor's saliences
 * sum to 1; on a continuous issue x is the actor's ideal point, on an ordinal issue the index of
 * its best option (the mean index if several tie). If every weight on an issue is 0, the actors
 * count equally.
 *
 * A categorical issue has no order, hence no mean: there the compromise is the option with the
 * largest capability × salience weighted sum of the actors' values of it (ties: the first).
 *
 * Positions are returned in option-index units (0 … options − 1, fractional between levels), as
 * `nearestPackage` (mechanisms/forecast.ts) takes them.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { createSpatialScratch, ordinalPosition, readIssueWeights, readSalienceTotals, weightedFavourite, type SpatialScratch } from './spatial-positions.ts';
import { weightedMean } from './weighted-mean.ts';

export interface CompromiseScratch {
  spatial: SpatialScratch;
  /** [a] the actors' positions on the issue at hand. */
  positions: Float64Array;
  /** [i] the compromise on each issue. */
  target: Float64Array;
}

/** Scratch space for `compromisePosition`, allocated once per scenario. */
export function createCompromiseScratch(compiled: CompiledScenario): CompromiseScratch {
  return {
    spatial: createSpatialScratch(compiled),
    positions: new Float64Array(compiled.actors.length),
    target: new Float64Array(compiled.issues.length),
  };
}

/** Fills and returns the compromise position of every issue (scratch.target, valid until the next call). */
export function compromisePosition(scratch: CompromiseScratch, table: NegotiationTable): Float64Array {
  const { compiled, instance, sampled } = table;
  const { issues, slots } = compiled;
  const A = instance.actorCount;
  const I = issues.length;
  const { spatial, positions, target } = scratch;
  readSalienceTotals(spatial, table);
  for (let i = 0; i < I; i++) {
    readIssueWeights(spatial, table, i);
    const issue = issues[i];
    if (issue.kind === 'categorical') {
      target[i] = weightedFavourite(spatial, table, i);
      continue;
    }
    const n = issue.options.length;
    for (let a = 0; a < A; a++) {
      if (issue.kind === 'continuous') {
        const levels = issue.levels!;
        const lo = levels[0];
        const width = levels[n - 1] - lo;
        positions[a] = width > 0 ? ((sampled[slots.ideal[a * I + i]] - lo) / width) * (n - 1) : 0;
      } else {
        positions[a] = ordinalPosition(compiled, sampled, a, i);
      }
    }
    target[i] = weightedMean(positions, spatial.weight);
  }
  return target;
}
