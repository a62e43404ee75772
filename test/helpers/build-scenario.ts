/** Builds scenarios in code for tests: validated exactly as a model file would be. */
import { validateScenario } from '../../src/scenario/load.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { prepareScenario } from '../../src/index.ts';
import type { CompiledScenario } from '../../src/negotiation/compiled-scenario.ts';

export function scenarioFrom(raw: unknown): Scenario {
  const result = validateScenario(raw, 'test-scenario');
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  return result.scenario;
}

export function compiledFrom(raw: unknown): CompiledScenario {
  return prepareScenario(scenarioFrom(raw)).compiled;
}

/**
 * Fearon's (1995) setting: two states, one continuous issue x ∈ [0, 1] (the share A gets),
 * risk-neutral utilities u_A = x, u_B = 1 − x; war gives A p − c_A and B 1 − p − c_B.
 * Every x in [p − c_A, p + c_B] is at least as good as war for both.
 */
export function fearonScenario(options: {
  p: number;
  costA: number;
  costB: number;
  levels?: number;
  rounds?: number;
  breakdownRisk?: number;
  patience?: [number, number];
  concession?: [string | number, string | number];
}) {
  const { p, costA, costB } = options;
  const [patienceA, patienceB] = options.patience ?? [0.95, 0.95];
  const [concessionA, concessionB] = options.concession ?? ['linear', 'linear'];
  const actor = (label: string, ideal: number, reservation: number, patience: number, concession: string | number) => ({
    label,
    capability: 1,
    reservation,
    patience,
    concession,
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
