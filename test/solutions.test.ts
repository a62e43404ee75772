/**
 * Solutions computed per run — Nash (1950), Kalai–Smorodinsky (1975), the compromise model
 * (Achen 2006) — against their closed forms and published figures, alone (on hand-made
 * utilities) and as mechanisms (the check cases of src/check/solution-cases.ts, and the default
 * scenario under each with the invariants every solution must meet).
 */
import { describe, expect, it } from 'vitest';
import { solutionSuite } from '../src/check/solution-cases.ts';
import { passes } from '../src/check/check-case.ts';
import { individuallyRational } from '../src/negotiation/mechanisms/forecast.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { vetoPlayersOf, type BargainingProblem } from '../src/negotiation/solutions/bargaining-problem.ts';
import { compromisePosition, createCompromiseScratch } from '../src/negotiation/solutions/compromise-position.ts';
import { kalaiSmorodinskySolution } from '../src/negotiation/solutions/kalai-smorodinsky.ts';
import { nashSolution } from '../src/negotiation/solutions/nash-product.ts';
import { weightedMean } from '../src/negotiation/solutions/weighted-mean.ts';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { compiledFrom, defaultScenarioUnder } from './helpers/build-scenario.ts';

/** A split of one good on `levels` points x_p = p/(levels − 1): u_A = x, u_B = valueB(x); an optional third actor. */
function splitProblem(
  levels: number,
  valueB: (x: number) => number,
  reservation: number[],
  third?: (x: number) => number,
): BargainingProblem & { x: Float64Array } {
  const x = Float64Array.from({ length: levels }, (_, p) => p / (levels - 1));
  const rows = [(v: number) => v, valueB, third ?? (() => 0)];
  const utility = new Float64Array(rows.length * levels);
  rows.forEach((f, a) => x.forEach((v, p) => (utility[a * levels + p] = f(v))));
  const disagreement = Float64Array.from([reservation[0], reservation[1], reservation[2] ?? 0]);
  const feasible = Uint8Array.from(x, (_, p) => (utility[p] >= disagreement[0] && utility[levels + p] >= disagreement[1] ? 1 : 0));
  return { packageCount: levels, utility, disagreement, players: Int32Array.from([0, 1]), feasible, x };
}

describe('weighted mean (the compromise model, Σ w·x / Σ w)', () => {
  it("reproduces decide's test_calc_nbs: positions 0 and 100 → 50; 0, 100, 100 → 200/3", () => {
    expect(weightedMean([0, 100], [1, 1])).toBe(50);
    expect(weightedMean([0, 100, 100], [1, 1, 1])).toBeCloseTo(200 / 3, 12);
  });
  it('is undefined (NaN) when every weight is 0', () => {
    expect(weightedMean([1, 2], [0, 0])).toBeNaN();
  });
});

describe('Nash (1950): the product of gains over the disagreement point', () => {
  it('on a scaled linear frontier u_B = k(1 − x) gives x* = (1 + r_A − r_B/k)/2', () => {
    for (const [k, rA, rB] of [
      [2, 0.137, 0.41],
      [0.5, 0.05, 0.1],
      [3, 0.3, 0.2],
    ]) {
      const problem = splitProblem(1001, (x) => k * (1 - x), [rA, rB]);
      const chosen = problem.x[nashSolution(problem)];
      expect(Math.abs(chosen - (1 + rA - rB / k) / 2)).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
  });

  it('on the frontier u_B = 1 − x² gives x* = 1/√3 (not the KS point)', () => {
    const problem = splitProblem(10_001, (x) => 1 - x * x, [0, 0]);
    expect(problem.x[nashSolution(problem)]).toBeCloseTo(1 / Math.sqrt(3), 4);
  });

  it('breaks an exact tie by the lower package id (x* = 1/2 between two levels)', () => {
    const problem = splitProblem(100, (x) => 1 - x, [0, 0]);
    expect(nashSolution(problem)).toBe(49);
  });

  it('stays inside the feasible set, ignores actors who are not players, and is −1 when nothing is feasible', () => {
    const problem = splitProblem(
      101,
      (x) => 1 - x,
      [0, 0],
      (x) => 10 * x,
    );
    expect(nashSolution(problem)).toBe(50);
    problem.feasible[50] = 0;
    expect([49, 51]).toContain(nashSolution(problem));
    problem.feasible.fill(0);
    expect(nashSolution(problem)).toBe(-1);
  });
});

describe('Kalai–Smorodinsky (1975): equal shares of the ideal gains', () => {
  it('coincides with Nash on a scaled linear frontier (both give x* = (1 + r_A − r_B/k)/2)', () => {
    const [k, rA, rB] = [2, 0.137, 0.41];
    const problem = splitProblem(1001, (x) => k * (1 - x), [rA, rB]);
    expect(Math.abs(problem.x[kalaiSmorodinskySolution(problem)] - (1 + rA - rB / k) / 2)).toBeLessThanOrEqual(0.001 + 1e-12);
  });

  it('on the frontier u_B = 1 − x² gives the golden ratio (√5 − 1)/2, where Nash gives 1/√3', () => {
    const problem = splitProblem(10_001, (x) => 1 - x * x, [0, 0]);
    const ks = problem.x[kalaiSmorodinskySolution(problem)];
    expect(ks).toBeCloseTo((Math.sqrt(5) - 1) / 2, 4);
    expect(ks - problem.x[nashSolution(problem)]).toBeGreaterThan(0.04);
  });

  it('leaves out a player who cannot gain (its ideal is its disagreement point)', () => {
    const problem = splitProblem(
      1001,
      (x) => 1 - x * x,
      [0, 0],
      () => 0.3,
    );
    problem.players = Int32Array.from([0, 1, 2]);
    problem.disagreement[2] = 0.3;
    expect(problem.x[kalaiSmorodinskySolution(problem)]).toBeCloseTo((Math.sqrt(5) - 1) / 2, 3);
  });
});

describe('the veto players of a compiled scenario', () => {
  it('are the actors whose consent every package needs, not the guarantors', () => {
    const compiled = compiledFrom({
      name: 'guarantor',
      title: 'Guarantor',
      negotiation: { rounds: 5, breakdownRisk: 0 },
      vetoPlayers: ['b', 'c'],
      issues: { g: { label: 'G', kind: 'categorical', options: { none: { label: 'none' }, force: { label: 'force', consent: ['a'] } } } },
      actors: Object.fromEntries(
        ['a', 'b', 'c'].map((id) => [
          id,
          { label: id, capability: 1, reservation: 0, patience: 1, salience: { g: 1 }, preferences: { g: { none: 0, force: 1 } } },
        ]),
      ),
    });
    expect(Array.from(vetoPlayersOf(compiled))).toEqual([1, 2]);
  });
});

describe('parley check cases: solutions against closed forms and published figures', () => {
  for (const c of solutionSuite.cases()) {
    it(`${c.name}: ${c.expected} ± ${c.tolerance} (${c.source})`, () => {
      expect(passes(c), c.skipped ?? `actual ${c.actual}`).toBe(true);
    });
  }
});

describe('the compromise position on discrete issues', () => {
  // Capabilities 5, 1, 1; each actor's saliences already sum to 1.
  const actors = {
    big: { capability: 5, salience: { cat: 0.4, ord: 0.6 }, cat: { p: 1, q: 0, r: 0.5 }, ord: { lo: 0, mid: 0.2, hi: 1 } },
    one: { capability: 1, salience: { cat: 0.9, ord: 0.1 }, cat: { p: 0, q: 1, r: 0.6 }, ord: { lo: 1, mid: 1, hi: 0 } },
    two: { capability: 1, salience: { cat: 0.8, ord: 0.2 }, cat: { p: 0, q: 1, r: 0.5 }, ord: { lo: 0, mid: 1, hi: 0.5 } },
  };
  const compiled = compiledFrom({
    name: 'discrete',
    title: 'Discrete issues',
    negotiation: { protocol: 'compromise', rounds: 1, breakdownRisk: 0 },
    vetoPlayers: ['big'],
    issues: {
      cat: { label: 'Cat', kind: 'categorical', options: { p: { label: 'p' }, q: { label: 'q' }, r: { label: 'r' } } },
      ord: { label: 'Ord', kind: 'ordinal', options: { lo: { label: 'lo' }, mid: { label: 'mid' }, hi: { label: 'hi' } } },
    },
    actors: Object.fromEntries(
      Object.entries(actors).map(([id, a]) => [
        id,
        { label: id, capability: a.capability, reservation: 0, patience: 1, salience: a.salience, preferences: { cat: a.cat, ord: a.ord } },
      ]),
    ),
  });
  const ctx = createRunContext(compiled);
  simulateRun(ctx, 'discrete', 0);
  const target = compromisePosition(createCompromiseScratch(compiled), ctx.table);

  it('categorical: the option with the largest capability × salience weighted sum of values, not the most popular', () => {
    // Two of three actors like q best, but p: 5·0.4·1 = 2.0 beats r: 5·0.4·0.5 + 0.9·0.6 + 0.8·0.5 = 1.94 and q: 0.9 + 0.8 = 1.7.
    expect(target[0]).toBe(0);
  });

  it("ordinal: the weighted mean of each actor's best option index (tied bests count at their mean index)", () => {
    // Best indices: big 2 (hi), one 0.5 (lo and mid tie), two 1 (mid); weights 5·0.6, 1·0.1, 1·0.2.
    expect(target[1]).toBeCloseTo((3 * 2 + 0.1 * 0.5 + 0.2 * 1) / (3 + 0.1 + 0.2), 12);
  });
});

describe('the default scenario under each solution', () => {
  const runs = 300;
  for (const protocol of ['nash', 'kalai-smorodinsky', 'compromise']) {
    it(`${protocol}: round 1; a deal leaves every consenting actor at or above war; no deal only when the solution is not individually rational`, () => {
      const compiled = defaultScenarioUnder(protocol);
      const ctx = createRunContext(compiled);
      const P = compiled.packageCount;
      const veto = vetoPlayersOf(compiled);
      let deals = 0;
      for (let run = 0; run < runs; run++) {
        const result = simulateRun(ctx, 'default', run);
        expect(result.round).toBe(1);
        // A forecast is accepted or vetoed: there were no talks to break down.
        expect([Status.Deal, Status.Vetoed]).toContain(result.status);
        const { utility, reservation } = ctx.instance;
        let anyRational = false;
        for (let p = 0; p < P; p++) anyRational ||= individuallyRational(ctx.table, p);
        // The zone of agreement is exactly "some package every needed actor accepts".
        expect(ctx.zone.exists).toBe(anyRational);
        if (result.status !== Status.Deal) {
          // Nash and KS choose among the individually rational packages: they are vetoed only if there is none.
          if (protocol !== 'compromise') expect(anyRational).toBe(false);
          // Who vetoes is short of its reservation at the forecast (or, with no forecast, at the package closest to agreement).
          const reference = result.forecast >= 0 ? result.forecast : ctx.zone.package;
          expect(result.vetoActor).toBeGreaterThanOrEqual(0);
          expect(reservation[result.vetoActor] - utility[result.vetoActor * P + reference]).toBeCloseTo(result.vetoShortfall, 12);
          expect(result.vetoShortfall).toBeGreaterThan(0);
          // The nearest acceptable package is acceptable, and exists exactly when a zone does.
          expect(result.nearestAccepted >= 0).toBe(anyRational);
          if (result.nearestAccepted >= 0) expect(individuallyRational(ctx.table, result.nearestAccepted)).toBe(true);
          continue;
        }
        deals++;
        const deal = result.packageId;
        compiled.consenters.forEach((a, k) => {
          if ((compiled.consentMask[deal] & (1 << k)) !== 0) expect(utility[a * P + deal]).toBeGreaterThanOrEqual(reservation[a] - 1e-12);
        });
        if (protocol === 'compromise') continue;
        // Pareto-optimal for the veto players among the individually rational packages.
        for (let p = 0; p < P; p++) {
          if (!individuallyRational(ctx.table, p)) continue;
          let noWorse = true;
          let better = false;
          for (const a of veto) {
            const [up, ud] = [utility[a * P + p], utility[a * P + deal]];
            if (up < ud - 1e-12) noWorse = false;
            if (up > ud + 1e-9) better = true;
          }
          expect(noWorse && better, `package ${p} dominates the ${protocol} deal ${deal} in run ${run}`).toBe(false);
        }
      }
      if (protocol !== 'compromise') expect(deals).toBeGreaterThan(runs / 2);
    });
  }
});
