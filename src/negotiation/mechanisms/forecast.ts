/**
 * What forecasting models and solution concepts share: they name an outcome on each issue's scale
 * (a weighted median or mean of positions, a solution), not a sequence of offers. Two steps turn
 * such a point into a parley outcome:
 *
 * 1. `nearestPackage`: the feasible package closest to the point, issue by issue (numeric scales:
 *    distance in levels relative to the scale's length; categorical issues: 0 if the option
 *    matches, else 1); ties go to the lower package id. Its per-issue scales are computed once per
 *    scenario (`outcomeScales`, which the mechanism factories call).
 * 2. `settleForecast`: the forecast is accepted (a deal) only if every actor whose consent the
 *    package needs gets at least its reservation utility (nobody signs a deal worse than war, the
 *    same rule negotiators obey), and under a vote a winning coalition does; otherwise it is vetoed — by the actor it misses by most, short
 *    by r − u — and the result names the nearest package (same metric) that every needed actor
 *    accepts, if any. There were no talks, so nothing "breaks down". An accepted forecast is dated
 *    in the given round and discounted as in alternating offers.
 */
import type { CompiledScenario, PackageId } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { UTILITY_EPSILON } from '../negotiator.ts';
import { Status, type RunResult } from '../run-result.ts';
import { settle } from './settle.ts';
import { findZone, type ZoneOfAgreement } from '../zone-of-agreement.ts';
import { winningAt } from '../decision-rule.ts';

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
  const { compiled } = scales;
  let best = -1;
  let bestDistance = Infinity;
  for (let p = 0; p < compiled.packageCount; p++) {
    const d = distanceTo(scales, p, target);
    if (d < bestDistance - 1e-12) {
      bestDistance = d;
      best = p;
    }
  }
  return best;
}

/** The distance of package p from a point: Σ over issues of |option − target| / (options − 1) on ordered scales, 0 or 1 on categorical ones. */
export function distanceTo(scales: OutcomeScales, p: PackageId, target: ArrayLike<number>): number {
  const { compiled, scale } = scales;
  const { packageOptions } = compiled;
  const I = compiled.issues.length;
  let d = 0;
  for (let i = 0; i < I; i++) {
    const o = packageOptions[p * I + i];
    d += scale[i] === 0 ? (o === target[i] ? 0 : 1) : Math.abs(o - target[i]) * scale[i];
  }
  return d;
}

/** Whether every actor whose consent `p` needs gets at least its reservation utility, and under a vote a winning coalition does (decision-rule.ts). */
export function individuallyRational(table: NegotiationTable, p: PackageId): boolean {
  const { compiled, instance } = table;
  const P = instance.packageCount;
  const mask = compiled.consentMask[p];
  for (let k = 0; k < compiled.consenters.length; k++) {
    if ((mask & (1 << k)) === 0) continue;
    const a = compiled.consenters[k];
    if (instance.utility[a * P + p] < instance.reservation[a] - UTILITY_EPSILON) return false;
  }
  return winningAt(compiled.decisionRule, instance.utility, P, p, instance.reservation, 0, UTILITY_EPSILON);
}

/** What settling a forecast needs besides the table: the outcome scales and scratch space. */
export interface ForecastScratch {
  scales: OutcomeScales;
  /** The forecast package's options, as a point for `distanceTo`. */
  point: Float64Array;
  zone: ZoneOfAgreement;
}

export function createForecastScratch(scales: OutcomeScales, zone: ZoneOfAgreement): ForecastScratch {
  return { scales, point: new Float64Array(scales.compiled.issues.length), zone };
}

/**
 * The forecast `p` (−1: none) as a run's result: accepted (a deal in `round`, 1-based) if it leaves
 * every consenting actor at or above war; else vetoed, with who vetoes it, by how much, and the
 * nearest package everyone needed accepts.
 */
export function settleForecast(table: NegotiationTable, p: PackageId, round: number, out: RunResult, scratch: ForecastScratch): RunResult {
  if (p >= 0 && individuallyRational(table, p)) {
    settle(out, Status.Deal, round, p, table);
    out.forecast = p;
    return out;
  }
  settle(out, Status.Vetoed, round, -1, table);
  out.forecast = p;
  // Without a forecast (no package every needed actor accepts), the actors short at the package closest to agreement veto.
  const reference = p >= 0 ? p : findZone(table, scratch.zone).package;
  vetoes(table, reference, out);
  nearestAccepted(table, reference, scratch, out);
  return out;
}

/**
 * Fills the veto fields: every needed actor short of its reservation at package p, and the one
 * short by most; if none is short (under a vote: too few voters accept), the voter short by most.
 */
function vetoes(table: NegotiationTable, p: PackageId, out: RunResult): void {
  const { compiled, instance } = table;
  const P = instance.packageCount;
  const mask = compiled.consentMask[p];
  for (let k = 0; k < compiled.consenters.length; k++) {
    if ((mask & (1 << k)) === 0) continue;
    const a = compiled.consenters[k];
    const shortfall = instance.reservation[a] - instance.utility[a * P + p];
    if (shortfall <= UTILITY_EPSILON) continue;
    out.vetoMask |= 1 << k;
    if (shortfall > out.vetoShortfall) {
      out.vetoShortfall = shortfall;
      out.vetoActor = a;
    }
  }
  if (out.vetoActor >= 0) return;
  for (const a of compiled.decisionRule.voters) {
    const shortfall = instance.reservation[a] - instance.utility[a * P + p];
    if (shortfall > UTILITY_EPSILON && shortfall > out.vetoShortfall) {
      out.vetoShortfall = shortfall;
      out.vetoActor = a;
    }
  }
}

/** The package nearest p that every actor whose consent it needs accepts (lowest id on ties), and its distance. */
function nearestAccepted(table: NegotiationTable, p: PackageId, scratch: ForecastScratch, out: RunResult): void {
  const { compiled } = table;
  const I = compiled.issues.length;
  for (let i = 0; i < I; i++) scratch.point[i] = compiled.packageOptions[p * I + i];
  let best = -1;
  let bestDistance = Infinity;
  for (let q = 0; q < compiled.packageCount; q++) {
    const d = distanceTo(scratch.scales, q, scratch.point);
    if (d < bestDistance - 1e-12 && individuallyRational(table, q)) {
      bestDistance = d;
      best = q;
    }
  }
  out.nearestAccepted = best;
  out.nearestDistance = best >= 0 ? bestDistance : 0;
}
