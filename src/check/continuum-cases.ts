/**
 * The equilibrium negotiator on models as users write them — one continuous issue on 101 levels,
 * validated and compiled from a model document like any file — against the closed forms, which
 * no grid of 101 levels can reach with patience near 1 or a small breakdown risk (the issue's
 * levels only report the agreed package; the solver takes the issue as a continuum,
 * continuum-offers.ts):
 *
 * - Rubinstein (1982), no deadline: the first proposer gets (1 − δ2)/(1 − δ1δ2);
 * - Ståhl (1972), a deadline of T rounds: s_T = (1 − (−δ)^T)/(1 + δ) with a common δ;
 * - Binmore, Rubinstein & Wolinsky (1986), δ = 1, breakdown risk p, fallbacks b1, b2: the first
 *   proposer gets (1 − b2 + (1 − p)·b1)/(2 − p).
 *
 * Tolerance: the solution's own stopping error (the stationary sweeps stop when they repeat within
 * 1e-12; the bound ρ/(1 − ρ) times the last change is reported with it) plus float slack.
 */
import { compileScenario } from '../negotiation/compile.ts';
import { equilibriumSeat } from '../negotiation/negotiators/equilibrium.ts';
import { validateScenario } from '../scenario/load.ts';
import { createRunContext, simulateRun } from '../simulation/batch.ts';
import type { CheckCase, CheckSuite } from './check-case.ts';

export interface TwoPartyGame {
  patience: [number, number];
  reservation?: [number, number];
  breakdownRisk?: number;
  /** A deadline in rounds, or none. */
  rounds: number | 'none';
  /** Who proposes first: actor 0 (a) or 1 (b). */
  first: 0 | 1;
}

/** The model document of a two-party division: "share to A" on [0, 1], 101 levels, u_A = x, u_B = 1 − x, both veto players, equilibrium seats. */
export function twoPartyModel(game: TwoPartyGame) {
  const actor = (label: string, ideal: number, a: 0 | 1) => ({
    label,
    capability: 1,
    reservation: game.reservation?.[a] ?? 0,
    patience: game.patience[a],
    strategy: 'equilibrium',
    salience: { share: 1 },
    preferences: { share: { ideal } },
  });
  return {
    name: 'two-party',
    title: 'Two parties divide a unit',
    negotiation: { rounds: game.rounds, breakdownRisk: game.breakdownRisk ?? 0, proposers: game.first === 0 ? ['a', 'b'] : ['b', 'a'] },
    vetoPlayers: ['a', 'b'],
    issues: { share: { label: 'Share to A', kind: 'continuous', range: [0, 1], levels: 101 } },
    actors: { a: actor('A', 1, 0), b: actor('B', 0, 1) },
  };
}

/** Plays run 0 of the model and reads the first proposer's equilibrium value and the solution's stopping bound. */
export function playTwoParty(game: TwoPartyGame): { share: number; bound: number; firstRound: boolean } {
  const validated = validateScenario(twoPartyModel(game), 'two-party');
  if (!validated.ok) throw new Error(`two-party model invalid: ${validated.problems.map((p) => p.message).join('; ')}`);
  const ctx = createRunContext(compileScenario(validated.scenario));
  const result = simulateRun(ctx, 'continuum-check', 0);
  const values = equilibriumSeat(ctx.seats[0]).continuationValues();
  return { share: values.value[game.first], bound: values.truncationBound, firstRound: result.round === 1 && result.packageId >= 0 };
}

/** Float slack: sums of a few hundred rounds of discounting. */
const FLOAT_SLACK = 1e-9;

function caseOf(name: string, source: string, expected: number, game: TwoPartyGame): CheckCase {
  const played = playTwoParty(game);
  const c: CheckCase = { name, source, expected, actual: played.share, tolerance: played.bound + FLOAT_SLACK };
  return played.firstRound ? c : { ...c, note: 'no deal on the levels in round 1' };
}

function rubinsteinCases(): CheckCase[] {
  const cases: CheckCase[] = [];
  for (const d1 of [0.9, 0.99, 0.999]) {
    for (const d2 of [0.9, 0.99, 0.999]) {
      cases.push(
        caseOf(`Rubinstein on 101 levels, δ1=${d1} δ2=${d2}, no deadline: first proposer's share`, 'Rubinstein (1982)', (1 - d2) / (1 - d1 * d2), {
          patience: [d1, d2],
          rounds: 'none',
          first: 0,
        }),
      );
    }
  }
  // B first: its share is (1 − δ1)/(1 − δ1δ2).
  cases.push(
    caseOf('Rubinstein on 101 levels, δ1=0.99 δ2=0.9, no deadline, B proposes first: its share', 'Rubinstein (1982)', (1 - 0.99) / (1 - 0.99 * 0.9), {
      patience: [0.99, 0.9],
      rounds: 'none',
      first: 1,
    }),
  );
  return cases;
}

function deadlineCases(): CheckCase[] {
  const delta = 0.99;
  return [200, 201].flatMap((T) =>
    ([0, 1] as const).map((first) =>
      caseOf(
        `Ståhl on 101 levels, δ=${delta}, deadline ${T}, ${first === 0 ? 'A' : 'B'} first: (1 − (−δ)^T)/(1 + δ)`,
        'Ståhl (1972)',
        (1 - (-delta) ** T) / (1 + delta),
        { patience: [delta, delta], rounds: T, first },
      ),
    ),
  );
}

function brwCases(): CheckCase[] {
  const b = [0.1, 0.3] as const;
  return [0.01, 0.02, 0.1].flatMap((p) =>
    ([0, 1] as const).map((first) => {
      const [own, other] = [b[first], b[1 - first]];
      const who = first === 0 ? 'A first: (1 − b2 + (1 − p)b1)/(2 − p)' : 'B first: (1 − b1 + (1 − p)b2)/(2 − p)';
      return caseOf(`BRW on 101 levels, p=${p} b=(${b.join(', ')}), ${who}`, 'Binmore, Rubinstein & Wolinsky (1986)', (1 - other + (1 - p) * own) / (2 - p), {
        patience: [1, 1],
        reservation: [b[0], b[1]],
        breakdownRisk: p,
        rounds: 'none',
        first,
      });
    }),
  );
}

export const continuumSuite: CheckSuite = {
  title: 'Equilibrium on the continuum: model files with 101 levels',
  cases: () => [...rubinsteinCases(), ...deadlineCases(), ...brwCases()],
};
