/**
 * How far the grid can move an equilibrium: a bound, in utility, on the difference between the
 * equilibrium values solved here and those of the same game in which every actor can concede in
 * arbitrarily small steps.
 *
 * Where it comes from. In backward induction a proposer must give each responder at least its
 * continuation value; when offers come in steps, it gives up to one step h more, and that excess
 * feeds into the next round back, discounted: the error e obeys e ≤ h + ρ·e per round, so over T
 * rounds e ≤ h·(1 + ρ + … + ρ^(T−1)), h/(1 − ρ) without a deadline, ρ = max over the actors
 * of (1 − q)·δ_a. (For two actors this is the bound of the check suite's grid cases,
 * h(1 + δ2)/(1 − δ1δ2) ≤ h/(1 − ρ); with more it is the same recursion with the largest step.)
 * With patience near 1 it is large: the deadline's split can survive on a coarse grid — the
 * reason to solve on the continuum.
 *
 * The step h: an actor whose consent or vote counts concedes continuously when the game is solved
 * with a continuous issue on the continuum (continuum-layout.ts) and it weighs that issue (h = 0);
 * otherwise its step is the largest gap between consecutive values of its utility over the
 * packages that could be agreed (those every needed actor prefers to war). h is the largest of
 * these steps. A bound at the whole surplus means the grid could decide any split.
 *
 * To this adds the truncation of a stationary solution: the sweeps' stopping error on the
 * continuum (continuation-values.ts), or — on the packages, when the backward induction from the
 * cap never repeated — the cap acting as a deadline, whose effect shrinks as ρ^(cap − 1).
 */
import type { NegotiationTable } from './negotiation-table.ts';
import type { ContinuationValues } from './continuation-table.ts';

/** Scratch for the bound: one actor's utilities over the agreeable packages (P). */
export function allocateGridBoundScratch(packageCount: number): Float64Array {
  return new Float64Array(packageCount);
}

/** The grid bound of a solved game (see the top comment); `scratch` from allocateGridBoundScratch. */
export function gridBound(table: NegotiationTable, values: ContinuationValues, scratch: Float64Array): number {
  const { compiled, instance } = table;
  const P = instance.packageCount;
  let step = 0;
  let surplus = 0;
  let rho = 0;
  // The actors whose consent or vote counts (a voter who also consents is seen twice: the same maxima).
  const visit = (a: number) => {
    surplus = Math.max(surplus, instance.best[a] - instance.reservation[a]);
    rho = Math.max(rho, (1 - instance.breakdownRisk) * instance.patience[a]);
    if (values.continuum !== null && values.continuum.weight[a] > 0) return;
    const n = values.candidateCount;
    for (let c = 0; c < n; c++) scratch[c] = instance.utility[a * P + values.candidates[c]];
    const sorted = scratch.subarray(0, n).sort();
    for (let c = 1; c < n; c++) step = Math.max(step, sorted[c] - sorted[c - 1]);
  };
  for (const a of compiled.consenters) visit(a);
  for (const a of compiled.decisionRule.voters) visit(a);
  const rounds = instance.hasDeadline ? instance.rounds : Infinity;
  const geometric = rho >= 1 ? rounds : (1 - rho ** rounds) / (1 - rho);
  const discretization = step === 0 ? 0 : Math.min(surplus, step * geometric);
  const truncation = values.continuum !== null ? values.truncationBound : values.converged ? 0 : surplus * rho ** Math.max(0, compiled.maxRounds - 1);
  return Math.min(surplus, discretization + (Number.isFinite(truncation) ? truncation : surplus));
}
