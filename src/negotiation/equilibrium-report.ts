/**
 * What an equilibrium result says about itself, per run: the complete-information equilibrium the
 * equilibrium seats solve (negotiators/equilibrium.ts: from everyone's true values, whatever the
 * seats believe), reported with its grid bound (grid-bound.ts).
 *
 * - `value[a]`: each actor's equilibrium value at the start, V_a(0) — under alternating offers
 *   with a deal in round 1, its share of the first offer; under random recognition its expectation
 *   over who is recognized. On the continuum this is the continuum split, which the package agreed
 *   on the model's levels approaches within a level.
 * - `point`: the first round's offer on the continuous issue solved on the continuum (under random
 *   recognition the recognition-weighted mean over the proposers who offer); NaN otherwise.
 * - `gridBound`: how far the grid can move these values (0 up to float error on the continuum when
 *   every actor who counts weighs the continuous issue).
 */
import type { NegotiationTable } from './negotiation-table.ts';
import type { ContinuationValues } from './continuation-table.ts';
import { allocateGridBoundScratch, gridBound } from './grid-bound.ts';

export interface EquilibriumReport {
  /** Whether this run seated an equilibrium negotiator (else the rest is stale). */
  present: boolean;
  /** Solved with a continuous issue on the continuum (else on the model's packages). */
  continuum: boolean;
  gridBound: number;
  /** [a] V_a(0). */
  value: Float64Array;
  point: number;
  /** Scratch of the grid bound. */
  scratch: Float64Array;
}

export function allocateEquilibriumReport(actorCount: number, packageCount: number): EquilibriumReport {
  return {
    present: false,
    continuum: false,
    gridBound: 0,
    value: new Float64Array(actorCount),
    point: Number.NaN,
    scratch: allocateGridBoundScratch(packageCount),
  };
}

/** Fills `out` from a solved game (the complete-information solution of this run). */
export function reportEquilibrium(table: NegotiationTable, values: ContinuationValues, out: EquilibriumReport): EquilibriumReport {
  const A = values.actorCount;
  out.present = true;
  out.continuum = values.continuum !== null;
  out.gridBound = gridBound(table, values, out.scratch);
  for (let a = 0; a < A; a++) out.value[a] = values.value[a];
  out.point = Number.NaN;
  if (values.continuum === null) return out;
  // Row 0's offers: under alternating offers only the first proposer's is solved (the others are NOT_PROPOSING).
  let weight = 0;
  let sum = 0;
  for (let j = 0; j < A; j++) {
    if (values.offerPart[j] < 0) continue;
    const w = values.recognition[j] > 0 ? values.recognition[j] : 1;
    weight += w;
    sum += w * values.offerPoint[j];
  }
  if (weight > 0) out.point = sum / weight;
  return out;
}
