/**
 * A bargaining problem in Nash's (1950) sense, over parley's discrete outcome space: a feasible
 * set of packages, the players whose gains count, and each player's disagreement point (its
 * reservation utility: the war goes on). The solution concepts (nash-product.ts,
 * kalai-smorodinsky.ts) take this and nothing else, so they can be tested on hand-made utilities.
 *
 * `poseBargainingProblem(problem, table)` poses one run's problem: the feasible set is the packages
 * that leave every actor whose consent the package needs at or above its reservation utility
 * (individually rational), and the players are the veto players — the consenters whose consent
 * every package needs (their bit is set in every consent mask). Guarantors (whose consent only
 * some packages need) only shape the feasible set. Its arrays are allocated once per scenario, by
 * `createBargainingProblem` (in the mechanisms' factories).
 */
import type { CompiledScenario, PackageId } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { individuallyRational } from '../mechanisms/forecast.ts';

export interface BargainingProblem {
  packageCount: number;
  /** [a × packageCount + p] utility of package p to actor a. */
  utility: Float64Array;
  /** [a] the disagreement point d_a (what a gets without a deal). */
  disagreement: Float64Array;
  /** The actors whose gains u_a − d_a the solution weighs. */
  players: Int32Array;
  /** [p] 1 when p is in the feasible set. */
  feasible: Uint8Array;
}

/** Relative tolerance under which two products or sums that went through different float sums count as equal. */
const RELATIVE_TIE = 1e-12;

/** Whether x beats y by more than float noise (compared relative to their size). */
export function clearlyGreater(x: number, y: number): boolean {
  return x - y > RELATIVE_TIE * Math.max(Math.abs(x), Math.abs(y), Number.MIN_VALUE);
}

/** The actors whose consent every package needs (the veto players), in actor order. */
export function vetoPlayersOf(compiled: CompiledScenario): Int32Array {
  let always = 0xffffffff;
  for (let p = 0; p < compiled.packageCount; p++) always &= compiled.consentMask[p];
  const players: number[] = [];
  compiled.consenters.forEach((a, k) => {
    if ((always & (1 << k)) !== 0) players.push(a);
  });
  return Int32Array.from(players);
}

/** The scenario's bargaining problem, to be posed for each run by `poseBargainingProblem`. */
export function createBargainingProblem(compiled: CompiledScenario): BargainingProblem {
  return {
    packageCount: compiled.packageCount,
    utility: new Float64Array(0),
    disagreement: new Float64Array(0),
    players: vetoPlayersOf(compiled),
    feasible: new Uint8Array(compiled.packageCount),
  };
}

/** Fills `problem` with this run's bargaining problem (valid until the table is refilled for the next run). */
export function poseBargainingProblem(problem: BargainingProblem, table: NegotiationTable): BargainingProblem {
  const { compiled, instance } = table;
  problem.utility = instance.utility;
  problem.disagreement = instance.reservation;
  const { feasible } = problem;
  for (let p: PackageId = 0; p < compiled.packageCount; p++) feasible[p] = individuallyRational(table, p) ? 1 : 0;
  return problem;
}
