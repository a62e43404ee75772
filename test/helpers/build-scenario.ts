/** Builds scenarios in code for tests: validated exactly as a model file would be. */
import { validateScenario } from '../../src/scenario/load.ts';
import type { Scenario } from '../../src/scenario/schema.ts';
import { parseOverrides, prepareScenario, readAndPrepare } from '../../src/index.ts';
import type { CompiledScenario } from '../../src/negotiation/compiled-scenario.ts';

export function scenarioFrom(raw: unknown): Scenario {
  const result = validateScenario(raw, 'test-scenario');
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path.join('.')}: ${p.message}`).join('\n'));
  return result.scenario;
}

export function compiledFrom(raw: unknown): CompiledScenario {
  return prepareScenario(scenarioFrom(raw)).compiled;
}

export { fearonScenario } from '../../src/check/fearon-cases.ts';

/**
 * An actor's random tastes over the test scenarios' three issues — categorical x (x0–x2), ordinal
 * y (y0 … y(n−1)), continuous z on [0, 10] — drawn in a fixed order from `rng`: three salience
 * weights (rescaled to sum to 1), the option values of x, then of y, then z's ideal and shape.
 */
export function randomTastes(rng: () => number, yOptions = 2) {
  const w = [rng(), rng(), rng()];
  const total = w[0] + w[1] + w[2];
  const salience = { x: w[0] / total, y: w[1] / total, z: w[2] / total };
  const x = { x0: rng(), x1: rng(), x2: rng() };
  const y = Object.fromEntries(Array.from({ length: yOptions }, (_, k) => [`y${k}`, rng()]));
  const z = { ideal: 10 * rng(), shape: rng() < 0.5 ? 'linear' : 'quadratic' };
  return { salience, preferences: { x, y, z } };
}

/** The default scenario with its protocol overridden. */
export function defaultScenarioUnder(protocol: string): CompiledScenario {
  const overrides = parseOverrides([`negotiation.protocol=${protocol}`]);
  if (typeof overrides === 'string') throw new Error(overrides);
  const prepared = readAndPrepare('models/ukraine-2025.yaml', overrides);
  if (!prepared.ok) throw new Error(prepared.problems.map((p) => p.message).join('\n'));
  return prepared.compiled;
}
