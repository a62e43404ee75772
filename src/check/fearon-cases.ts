/**
 * Fearon (1995), "Rationalist explanations for war": two states bargain over a good x ∈ [0, 1]
 * (A's share); war gives A p − c_A and B 1 − p − c_B, so with complete information every
 * x ∈ [p − c_A, p + c_B] is at least as good as war for both — the bargaining range — and a
 * deal must lie inside it. The cases play parley's alternating offers with the time-based
 * negotiators of the default scenario and count the deals outside the range (expected: none).
 */
import seedrandom from 'seedrandom';
import { compileScenario } from '../negotiation/compile.ts';
import { Status } from '../negotiation/run-result.ts';
import { validateScenario } from '../scenario/load.ts';
import { createRunContext, simulateRun } from '../simulation/batch.ts';
import type { CheckCase, CheckSuite } from './check-case.ts';

export interface FearonOptions {
  p: number;
  costA: number;
  costB: number;
  levels?: number;
  rounds?: number;
  breakdownRisk?: number;
  patience?: [number, number];
  concession?: [string | number, string | number];
  strategy?: string;
}

/** The model file of Fearon's setting: one continuous issue, u_A = x, u_B = 1 − x, both veto players. */
export function fearonScenario(options: FearonOptions) {
  const { p, costA, costB } = options;
  const [patienceA, patienceB] = options.patience ?? [0.95, 0.95];
  const [concessionA, concessionB] = options.concession ?? ['linear', 'linear'];
  const actor = (label: string, ideal: number, reservation: number, patience: number, concession: string | number) => ({
    label,
    capability: 1,
    reservation,
    patience,
    concession,
    ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
    salience: { share: 1 },
    preferences: { share: { ideal, shape: 'linear' } },
  });
  return {
    name: 'fearon',
    title: 'Fearon bargaining range',
    negotiation: { rounds: options.rounds ?? 20, breakdownRisk: options.breakdownRisk ?? 0 },
    vetoPlayers: ['a', 'b'],
    issues: { share: { label: 'Share to A', kind: 'continuous', range: [0, 1], levels: options.levels ?? 101 } },
    actors: {
      a: actor('State A', 1, p - costA, patienceA, concessionA),
      b: actor('State B', 0, 1 - p - costB, patienceB, concessionB),
    },
  };
}

const WARS = 200;

/** Plays `WARS` random wars with the given strategy; returns deals and deals outside the range. */
function playWars(strategy: string | undefined): { deals: number; outside: number } {
  const rng = seedrandom.alea(`fearon-check-${strategy ?? 'time-based'}`);
  const styles = ['boulware', 'linear', 'conceder'];
  let deals = 0;
  let outside = 0;
  for (let k = 0; k < WARS; k++) {
    const p = 0.15 + 0.7 * rng();
    const costA = 0.02 + 0.2 * rng();
    const costB = 0.02 + 0.2 * rng();
    const raw = fearonScenario({
      p,
      costA,
      costB,
      patience: [0.8 + 0.2 * rng(), 0.8 + 0.2 * rng()],
      concession: [styles[k % 3], styles[Math.floor(k / 3) % 3]],
      strategy,
    });
    const validated = validateScenario(raw, 'fearon');
    if (!validated.ok) throw new Error(`fearon scenario invalid: ${validated.problems.map((q) => q.message).join('; ')}`);
    const compiled = compileScenario(validated.scenario);
    const result = simulateRun(createRunContext(compiled), `fearon-${k}`, 0);
    if (result.status !== Status.Deal) continue;
    deals++;
    const x = compiled.issues[0].levels![compiled.packageOptions[result.packageId]];
    if (x < p - costA - 1e-9 || x > p + costB + 1e-9) outside++;
  }
  return { deals, outside };
}

export const fearonSuite: CheckSuite = {
  title: 'Fearon (1995): deals lie in the bargaining range',
  cases: (): CheckCase[] =>
    [undefined, 'equilibrium'].map((strategy) => {
      const { deals, outside } = playWars(strategy);
      return {
        name: `${WARS} random wars, ${strategy ?? 'time-based'} negotiators: deals outside [p − c_A, p + c_B] (of ${deals} deals)`,
        source: 'Fearon (1995), complete information',
        expected: 0,
        actual: outside,
        tolerance: 0,
      };
    }),
};
