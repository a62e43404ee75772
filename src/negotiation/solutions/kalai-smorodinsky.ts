/**
 * The Kalai–Smorodinsky solution (Kalai & Smorodinsky 1975, "Other Solutions to Nash's
 * Bargaining Problem", Econometrica 43(3)): every player gets the same share of its ideal gain,
 * where its ideal is the best utility it can reach in the feasible set. On a finite set of
 * packages: maximize the least normalized gain
 *
 *   p* = argmax_{p feasible} min_k (u_k(p) − d_k) / (ideal_k − d_k),   ideal_k = max_{q feasible} u_k(q).
 *
 * It replaces Nash's independence of irrelevant alternatives by monotonicity: enlarging the
 * feasible set in a player's favour never hurts it. A player whose ideal is its disagreement
 * point gets exactly that in every feasible package and is left out of the minimum. Ties (within
 * float noise): the larger sum of normalized gains (like the minimum, free of each player's
 * utility scale), then the lower package id. Returns −1 when the feasible set is empty.
 */
import type { PackageId } from '../compiled-scenario.ts';
import { clearlyGreater, type BargainingProblem } from './bargaining-problem.ts';

/** Below this an ideal gain counts as none. */
const MIN_IDEAL_GAIN = 1e-12;

/** `ideal` (one entry per player) is scratch space; pass one to avoid an allocation per call. */
export function kalaiSmorodinskySolution(problem: BargainingProblem, ideal: Float64Array = new Float64Array(problem.players.length)): PackageId {
  const { packageCount: P, utility, disagreement, players, feasible } = problem;
  ideal.fill(-Infinity);
  for (let p = 0; p < P; p++) {
    if (feasible[p] === 0) continue;
    for (let k = 0; k < players.length; k++) ideal[k] = Math.max(ideal[k], utility[players[k] * P + p]);
  }
  // From here on ideal[k] holds 1 / (ideal_k − d_k), or 0 for a player who cannot gain.
  for (let k = 0; k < players.length; k++) {
    const span = ideal[k] - disagreement[players[k]];
    ideal[k] = span > MIN_IDEAL_GAIN ? 1 / span : 0;
  }
  let chosen = -1;
  let chosenLeast = 0;
  let chosenSum = 0;
  for (let p = 0; p < P; p++) {
    if (feasible[p] === 0) continue;
    let least = Infinity;
    let sum = 0;
    for (let k = 0; k < players.length; k++) {
      if (ideal[k] === 0) continue;
      const a = players[k];
      const normalized = (utility[a * P + p] - disagreement[a]) * ideal[k];
      if (normalized < least) least = normalized;
      sum += normalized;
    }
    if (chosen < 0 || clearlyGreater(least, chosenLeast) || (!clearlyGreater(chosenLeast, least) && clearlyGreater(sum, chosenSum))) {
      chosen = p;
      chosenLeast = least;
      chosenSum = sum;
    }
  }
  return chosen;
}
