/**
 * The Pareto front (Pareto 1906, "Manuale di economia politica"): the feasible packages that no
 * other feasible package dominates — leaves every player at least as well off and one better off
 * — over the players' utilities of a bargaining problem (bargaining-problem.ts). Nash's and
 * Kalai–Smorodinsky's solutions lie on it.
 *
 * Found by the simple cull of Kung, Luccio & Preparata (1975, "On finding the maxima of a set of
 * vectors", JACM 22(4)): in descending lexicographic order of the players' utilities a package can
 * be dominated only by one that came before it, so each is kept unless a package already kept
 * dominates it; O(P log P + P·F) for a front of F packages.
 *
 * Utilities are compared as the solutions compare them (`clearlyGreater`): q dominates p when no
 * player prefers p to q by more than float noise and some player prefers q by more than it, so
 * packages equal within noise are all kept. A second pass over the front drops any package a
 * later one dominates (noise can put a dominating package after the one it dominates). Returns
 * the package ids in ascending order.
 */
import type { PackageId } from '../compiled-scenario.ts';
import { clearlyGreater, type BargainingProblem } from './bargaining-problem.ts';

export function paretoFront(problem: BargainingProblem): Int32Array {
  const { packageCount: P, utility, players, feasible } = problem;
  const u = (k: number, p: PackageId) => utility[players[k] * P + p];
  const dominates = (q: PackageId, p: PackageId): boolean => {
    let better = false;
    for (let k = 0; k < players.length; k++) {
      if (clearlyGreater(u(k, p), u(k, q))) return false;
      if (clearlyGreater(u(k, q), u(k, p))) better = true;
    }
    return better;
  };
  const order: PackageId[] = [];
  for (let p = 0; p < P; p++) if (feasible[p] === 1) order.push(p);
  order.sort((p, q) => {
    for (let k = 0; k < players.length; k++) if (u(k, p) !== u(k, q)) return u(k, q) - u(k, p);
    return p - q;
  });
  const kept: PackageId[] = [];
  for (const p of order) if (!kept.some((q) => dominates(q, p))) kept.push(p);
  return Int32Array.from(kept.filter((p) => !kept.some((q) => dominates(q, p)))).sort();
}
