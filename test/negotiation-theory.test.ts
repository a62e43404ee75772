/**
 * The negotiation core against theory and invariants (not against its own output):
 * Fearon's bargaining range, reservation utilities of consenting actors, guarantor consent,
 * and the geometric law of breakdown when no deal is possible.
 */
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createRunContext, simulateRun } from '../src/simulation/batch.ts';
import { Status } from '../src/negotiation/run-result.ts';
import { compiledFrom, fearonScenario, randomTastes } from './helpers/build-scenario.ts';

describe('Fearon (1995): with complete information a deal lies in the bargaining range [p − c_A, p + c_B]', () => {
  it('holds over many random wars (win probability, costs, patience, concession styles)', () => {
    const rng = seedrandom.alea('fearon');
    let deals = 0;
    for (let k = 0; k < 200; k++) {
      const p = 0.15 + 0.7 * rng();
      const costA = 0.02 + 0.2 * rng();
      const costB = 0.02 + 0.2 * rng();
      const styles = ['boulware', 'linear', 'conceder'];
      const compiled = compiledFrom(
        fearonScenario({
          p,
          costA,
          costB,
          patience: [0.8 + 0.2 * rng(), 0.8 + 0.2 * rng()],
          concession: [styles[k % 3], styles[Math.floor(k / 3) % 3]],
        }),
      );
      const ctx = createRunContext(compiled);
      const result = simulateRun(ctx, `fearon-${k}`, 0);
      if (result.status !== Status.Deal) continue;
      deals++;
      const x = compiled.issues[0].levels![compiled.packageOptions[result.packageId]];
      expect(x).toBeGreaterThanOrEqual(p - costA - 1e-9);
      expect(x).toBeLessThanOrEqual(p + costB + 1e-9);
    }
    // Without breakdown risk most talks end in a deal; a Boulware proposer in the last round can
    // still ask for more than a narrow range allows, so not all do.
    expect(deals).toBeGreaterThan(150);
  });

  it('never agrees when the "range" is empty (negative costs: both prefer war)', () => {
    const compiled = compiledFrom(fearonScenario({ p: 0.5, costA: -0.1, costB: -0.1, rounds: 15 }));
    const ctx = createRunContext(compiled);
    for (let run = 0; run < 50; run++) expect(simulateRun(ctx, 'no-range', run).status).not.toBe(Status.Deal);
  });
});

/** A random multi-issue scenario: random weights, values, reservations, consent rules. */
function randomScenario(rng: () => number, k: number) {
  const actorIds = ['a', 'b', 'c', 'd'];
  const issues = {
    x: { label: 'X', kind: 'categorical', options: { x0: { label: 'x0' }, x1: { label: 'x1', consent: ['c'] }, x2: { label: 'x2', consent: ['c', 'd'] } } },
    y: { label: 'Y', kind: 'ordinal', options: { y0: { label: 'y0' }, y1: { label: 'y1' } } },
    z: { label: 'Z', kind: 'continuous', range: [0, 10], levels: 6 },
  };
  const styles = ['boulware', 'linear', 'conceder'];
  const actors = Object.fromEntries(
    actorIds.map((id, a) => {
      const tastes = randomTastes(rng);
      return [
        id,
        {
          label: id.toUpperCase(),
          capability: 1,
          reservation: { dist: 'uniform', min: 0.1, max: 0.6 },
          patience: { dist: 'uniform', min: 0.7, max: 1 },
          concession: styles[(a + k) % 3],
          strategy: (a + k) % 5 === 0 ? 'hardliner' : 'time-based',
          ...tastes,
        },
      ];
    }),
  );
  return {
    name: 'random',
    title: 'Random scenario',
    negotiation: { rounds: 12, breakdownRisk: { dist: 'uniform', min: 0, max: 0.1 } },
    vetoPlayers: ['a', 'b'],
    issues,
    actors,
    interactions: [{ when: { x: 'x1', y: 'y1' }, effect: { a: { dist: 'uniform', min: -0.2, max: 0.2 }, c: 0.1 } }],
    infeasible: [{ when: { x: 'x2', y: 'y0' } }],
  };
}

describe('invariants over many random scenarios with complete information', () => {
  it('a deal never leaves an actor whose consent it needed below its reservation utility', () => {
    const rng = seedrandom.alea('invariants');
    let deals = 0;
    for (let k = 0; k < 60; k++) {
      const compiled = compiledFrom(randomScenario(rng, k));
      const ctx = createRunContext(compiled);
      for (let run = 0; run < 40; run++) {
        const result = simulateRun(ctx, `inv-${k}`, run);
        if (result.status !== Status.Deal) continue;
        deals++;
        const mask = compiled.consentMask[result.packageId];
        compiled.actors.forEach((_, a) => {
          if ((mask & (1 << a)) !== 0) expect(result.utilities[a]).toBeGreaterThanOrEqual(ctx.instance.reservation[a] - 1e-12);
        });
        // The infeasible combination x2 with y0 is never agreed.
        const I = compiled.issues.length;
        const x = compiled.packageOptions[result.packageId * I];
        const y = compiled.packageOptions[result.packageId * I + 1];
        expect(x === 2 && y === 0).toBe(false);
      }
    }
    expect(deals).toBeGreaterThan(100);
  });
});

describe('consent: a package that needs a guarantor is agreed only if the guarantor accepts', () => {
  const guarantorScenario = (guarantorValue: number) => ({
    name: 'guarantor',
    title: 'Guarantor consent',
    negotiation: { rounds: 20, breakdownRisk: 0 },
    vetoPlayers: ['ukraine', 'russia'],
    issues: {
      guarantee: {
        label: 'Guarantee',
        kind: 'categorical',
        options: { none: { label: 'None' }, force: { label: 'Force', consent: ['guarantor'] } },
      },
      land: { label: 'Land', kind: 'continuous', range: [0, 1], levels: 11 },
    },
    actors: {
      // Both warring parties like the guaranteed option better than none.
      ukraine: {
        label: 'U',
        capability: 1,
        reservation: 0.3,
        patience: 0.95,
        salience: { guarantee: 0.5, land: 0.5 },
        preferences: { guarantee: { none: 0, force: 1 }, land: { ideal: 1 } },
      },
      russia: {
        label: 'R',
        capability: 1,
        reservation: 0.3,
        patience: 0.95,
        salience: { guarantee: 0.5, land: 0.5 },
        preferences: { guarantee: { none: 0.6, force: 1 }, land: { ideal: 0 } },
      },
      // The guarantor cares only whether it must commit; its reservation is 0.5.
      guarantor: {
        label: 'G',
        capability: 1,
        reservation: 0.5,
        patience: 0.95,
        salience: { guarantee: 1, land: 0 },
        preferences: { guarantee: { none: 1, force: guarantorValue }, land: { ideal: 0.5 } },
      },
    },
  });

  it('never agrees the guaranteed option when the guarantor is worse off committing than with no deal', () => {
    const compiled = compiledFrom(guarantorScenario(0));
    const ctx = createRunContext(compiled);
    let deals = 0;
    for (let run = 0; run < 100; run++) {
      const result = simulateRun(ctx, 'refuses', run);
      if (result.status !== Status.Deal) continue;
      deals++;
      expect(compiled.issues[0].options[compiled.packageOptions[result.packageId * 2]].id).toBe('none');
    }
    expect(deals).toBe(100);
  });

  it('does agree it when the guarantor gains from committing (the same test can fail)', () => {
    const compiled = compiledFrom(guarantorScenario(0.9));
    const ctx = createRunContext(compiled);
    let withForce = 0;
    for (let run = 0; run < 100; run++) {
      const result = simulateRun(ctx, 'accepts', run);
      if (result.status === Status.Deal && compiled.packageOptions[result.packageId * 2] === 1) withForce++;
    }
    expect(withForce).toBeGreaterThan(50);
  });
});

describe('breakdown risk: with no possible deal, talks collapse at a geometric rate', () => {
  // Each of the first T − 1 rejected rounds ends the talks with probability q (after the last one
  // the deadline ends them anyway), so P(breakdown) = 1 − (1 − q)^(T−1) and P(round 1) = q.
  it('P(breakdown before the deadline) = 1 − (1 − q)^(T−1), within the Monte Carlo error', () => {
    const q = 0.05;
    const T = 20;
    const compiled = compiledFrom(fearonScenario({ p: 0.5, costA: -0.2, costB: -0.2, rounds: T, breakdownRisk: q }));
    const ctx = createRunContext(compiled);
    const n = 20_000;
    let breakdowns = 0;
    let firstRound = 0;
    for (let run = 0; run < n; run++) {
      const result = simulateRun(ctx, 'geometric', run);
      expect(result.status).not.toBe(Status.Deal);
      if (result.status === Status.Breakdown) breakdowns++;
      if (result.status === Status.Breakdown && result.round === 1) firstRound++;
    }
    const expected = 1 - Math.pow(1 - q, T - 1);
    const sd = Math.sqrt((expected * (1 - expected)) / n);
    expect(Math.abs(breakdowns / n - expected)).toBeLessThan(4 * sd);
    const sd1 = Math.sqrt((q * (1 - q)) / n);
    expect(Math.abs(firstRound / n - q)).toBeLessThan(4 * sd1);
  });
});

describe('patience (Rubinstein 1982): the more patient side gets the larger share', () => {
  it('over many wars, A gets more of the range when A is patient and B is not than the other way round', () => {
    const rng = seedrandom.alea('patience');
    let patientA = 0;
    let patientB = 0;
    const n = 150;
    for (let k = 0; k < n; k++) {
      const p = 0.3 + 0.4 * rng();
      const costA = 0.1 + 0.1 * rng();
      const costB = 0.1 + 0.1 * rng();
      const share = (patience: [number, number]) => {
        const compiled = compiledFrom(fearonScenario({ p, costA, costB, patience }));
        const result = simulateRun(createRunContext(compiled), `patience-${k}`, 0);
        if (result.status !== Status.Deal) return 0.5;
        const x = compiled.issues[0].levels![compiled.packageOptions[result.packageId]];
        // A's position within the bargaining range: 0 at its reservation, 1 at B's.
        return (x - (p - costA)) / (costA + costB);
      };
      patientA += share([0.99, 0.6]);
      patientB += share([0.6, 0.99]);
    }
    expect(patientA / n).toBeGreaterThan(patientB / n + 0.05);
  });

  it('a deal in round k is worth r + δ^(k−1)(u − r): later deals are worth less, never below r', () => {
    const compiled = compiledFrom(fearonScenario({ p: 0.5, costA: 0.1, costB: 0.1, patience: [0.7, 0.9], concession: ['boulware', 'boulware'] }));
    const ctx = createRunContext(compiled);
    const result = simulateRun(ctx, 'discount', 0);
    expect(result.status).toBe(Status.Deal);
    expect(result.round).toBeGreaterThan(1);
    const x = compiled.issues[0].levels![compiled.packageOptions[result.packageId]];
    const rA = 0.4;
    const rB = 0.4;
    expect(result.utilities[0]).toBeCloseTo(rA + Math.pow(0.7, result.round - 1) * (x - rA), 12);
    expect(result.utilities[1]).toBeCloseTo(rB + Math.pow(0.9, result.round - 1) * (1 - x - rB), 12);
  });
});
