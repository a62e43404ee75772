/**
 * What forecasting models and solution concepts share: they name an outcome on each issue's scale
 * (a weighted median or mean of positions, a solution), not a sequence of offers. Two steps turn
 * such a point into a parley outcome:
 *
 * 1. `nearestPackage`: the feasible package closest to the point, issue by issue (numeric scales:
 *    distance in levels relative to the scale's length; categorical issues: 0 if the option
 *    matches, else 1); ties go to the lower package id. Its per-issue scales are computed once per
 *    scenario (`outcomeScales`, which the mechanism factories call).
 * 2. `settleForecast`: a deal on it only if every actor whose consent the package needs gets at
 *    least its reservation utility (nobody signs a deal worse than war, the same rule negotiators
 *    obey); otherwise the talks fail (breakdown). The deal is made in the given round and
 *    discounted as in alternating offers.
 */
import type { CompiledScenario, PackageId } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { UTILITY_EPSILON } from '../negotiator.ts';
import { Status, type RunResult } from '../run-result.ts';
import { settle } from './alternating-offers.ts';

/** Per scenario: the outcome space and each issue's distance scale, for `nearestPackage`. */
export interface OutcomeScales {
  readonly compiled: CompiledScenario;
  /** [i] 1 / (options − 1) for a continuous or ordinal issue (1 with a single option); 0 for a categorical one. */
  readonly scale: Float64Array;
}

export function outcomeScales(compiled: CompiledScenario): OutcomeScales {
  const scale = Float64Array.from(compiled.issues, (issue) => (issue.kind === 'categorical' ? 0 : 1 / Math.max(1, issue.options.length - 1)));
  return { compiled, scale };
}

/**
 * The feasible package nearest to `target`: target[i] is a position in option-index units on issue
 * i (0 … options − 1; fractional between levels) for continuous and ordinal issues, or the chosen
 * option's index for a categorical issue.
 */
export function nearestPackage(scales: OutcomeScales, target: Float64Array): PackageId {
  const { compiled, scale } = scales;
  const { issues, packageOptions, packageCount } = compiled;
  const I = issues.length;
  let best = -1;
  let bestDistance = Infinity;
  for (let p = 0; p < packageCount; p++) {
    let d = 0;
    for (let i = 0; i < I; i++) {
      const o = packageOptions[p * I + i];
      d += scale[i] === 0 ? (o === target[i] ? 0 : 1) : Math.abs(o - target[i]) * scale[i];
    }
    if (d < bestDistance - 1e-12) {
      bestDistance = d;
      best = p;
    }
  }
  return best;
}

/** Whether every actor whose consent `p` needs gets at least its reservation utility. */
export function individuallyRational(table: NegotiationTable, p: PackageId): boolean {
  const { compiled, instance } = table;
  const P = instance.packageCount;
  const mask = compiled.consentMask[p];
  for (let k = 0; k < compiled.consenters.length; k++) {
    if ((mask & (1 << k)) === 0) continue;
    const a = compiled.consenters[k];
    if (instance.utility[a * P + p] < instance.reservation[a] - UTILITY_EPSILON) return false;
  }
  return true;
}

/** A deal on `p` in `round` (1-based) if it leaves every consenting actor at or above war; else breakdown. */
export function settleForecast(table: NegotiationTable, p: PackageId, round: number, out: RunResult): RunResult {
  if (p >= 0 && individuallyRational(table, p)) return settle(out, Status.Deal, round, p, table);
  return settle(out, Status.Breakdown, round, -1, table);
}
