/**
 * The Pareto front (src/negotiation/solutions/pareto-front.ts) against the definition checked by
 * brute force over every pair of packages; the Nash and Kalai–Smorodinsky solutions on it; and the
 * `parley check` cases that compare parley's Nash and Kalai–Smorodinsky points and Pareto fronts
 * with the published points of the 20 ANL 2023 domains (src/check/anac-cases.ts).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { anacSuite } from '../src/check/anac-cases.ts';
import { passes } from '../src/check/check-case.ts';
import type { BargainingProblem } from '../src/negotiation/solutions/bargaining-problem.ts';
import { kalaiSmorodinskySolution } from '../src/negotiation/solutions/kalai-smorodinsky.ts';
import { nashSolution } from '../src/negotiation/solutions/nash-product.ts';
import { paretoFront } from '../src/negotiation/solutions/pareto-front.ts';

/** P packages, utilities of `players` actors on a coarse grid (so ties and equal vectors occur), some infeasible. */
function randomProblem(rng: () => number, P: number, players: number): BargainingProblem {
  const utility = Float64Array.from({ length: players * P }, () => Math.round(rng() * 20) / 20);
  return {
    packageCount: P,
    utility,
    disagreement: new Float64Array(players),
    players: Int32Array.from({ length: players }, (_, k) => k),
    feasible: Uint8Array.from({ length: P }, () => (rng() < 0.9 ? 1 : 0)),
  };
}

/** The front by definition: feasible, and no feasible package at least as good for all and better for one. */
function bruteForceFront(problem: BargainingProblem): number[] {
  const { packageCount: P, utility, players, feasible } = problem;
  const u = (k: number, p: number) => utility[players[k] * P + p];
  const front: number[] = [];
  for (let p = 0; p < P; p++) {
    if (!feasible[p]) continue;
    let dominated = false;
    for (let q = 0; q < P && !dominated; q++) {
      if (!feasible[q]) continue;
      let allAtLeast = true;
      let oneBetter = false;
      for (let k = 0; k < players.length; k++) {
        if (u(k, q) < u(k, p)) allAtLeast = false;
        if (u(k, q) > u(k, p)) oneBetter = true;
      }
      dominated = allAtLeast && oneBetter;
    }
    if (!dominated) front.push(p);
  }
  return front;
}

describe('the Pareto front', () => {
  it('equals the brute-force front on random problems with 2, 3 and 4 players, equal utility vectors all kept', () => {
    const rng = seedrandom('pareto');
    for (const players of [2, 3, 4]) {
      for (let trial = 0; trial < 30; trial++) {
        const problem = randomProblem(rng, 200, players);
        expect(Array.from(paretoFront(problem))).toEqual(bruteForceFront(problem));
      }
    }
  });

  it('holds the Nash and Kalai–Smorodinsky solutions', () => {
    const rng = seedrandom('solutions on the front');
    for (let trial = 0; trial < 50; trial++) {
      const problem = randomProblem(rng, 150, 2 + (trial % 3));
      const front = Array.from(paretoFront(problem));
      expect(front).toContain(nashSolution(problem));
      expect(front).toContain(kalaiSmorodinskySolution(problem));
    }
  });

  it('is empty when nothing is feasible, and every feasible package without players', () => {
    const problem = randomProblem(seedrandom('edge'), 20, 2);
    expect(Array.from(paretoFront({ ...problem, feasible: new Uint8Array(20) }))).toEqual([]);
    const all = Array.from(problem.feasible.keys()).filter((p) => problem.feasible[p] === 1);
    expect(Array.from(paretoFront({ ...problem, players: new Int32Array(0) }))).toEqual(all);
  });
});

describe(anacSuite.title, () => {
  const cases = anacSuite.cases();
  it('covers the 20 domains: Nash and Kalai–Smorodinsky points (u_A, u_B, package) and the Pareto front each', () => {
    expect(cases).toHaveLength(20 * 7);
  });
  for (const c of cases) {
    it(`${c.name}: ${c.expected} ± ${c.tolerance}`, () => {
      expect(passes(c), c.skipped ?? `parley ${c.actual}; ${c.note ?? ''}`).toBe(true);
    });
  }
});
