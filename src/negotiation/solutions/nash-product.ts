/**
 * The Nash bargaining solution (Nash 1950, "The Bargaining Problem", Econometrica 18(2)): the
 * feasible outcome that maximizes the product of the players' gains over their disagreement
 * points,
 *
 *   p* = argmax_{p feasible} Π_k (u_k(p) − d_k).
 *
 * The unique outcome that is Pareto-optimal, symmetric, invariant to positive affine rescaling of
 * each utility and independent of irrelevant alternatives. On a finite set of packages the
 * maximum is taken over the packages themselves (no lotteries). Ties (within float noise): the
 * larger sum of gains, then the lower package id. Returns −1 when the feasible set is empty.
 */
import type { PackageId } from '../compiled-scenario.ts';
import { clearlyGreater, type BargainingProblem } from './bargaining-problem.ts';

export function nashSolution(problem: BargainingProblem): PackageId {
  const { packageCount: P, utility, disagreement, players, feasible } = problem;
  let chosen = -1;
  let chosenProduct = 0;
  let chosenSum = 0;
  for (let p = 0; p < P; p++) {
    if (feasible[p] === 0) continue;
    let product = 1;
    let sum = 0;
    for (let k = 0; k < players.length; k++) {
      const a = players[k];
      // Feasible packages give every player at least d (up to float noise): no negative factors.
      const gain = Math.max(0, utility[a * P + p] - disagreement[a]);
      product *= gain;
      sum += gain;
    }
    if (chosen < 0 || clearlyGreater(product, chosenProduct) || (!clearlyGreater(chosenProduct, product) && clearlyGreater(sum, chosenSum))) {
      chosen = p;
      chosenProduct = product;
      chosenSum = sum;
    }
  }
  return chosen;
}
