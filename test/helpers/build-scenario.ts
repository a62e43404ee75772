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

export { fearonScenario } from '../../src/check/fearon-cases.ts';
