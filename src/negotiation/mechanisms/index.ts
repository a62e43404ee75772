/**
 * The mechanisms by name: each plays one run's negotiation table to a RunResult. A scenario
 * names its mechanism (`negotiation.protocol`, or `--mechanism NAME`); the batch loop makes it once
 * per run context (`createMechanism`) and calls it every run.
 */
import type { CompiledScenario, MechanismName } from '../compiled-scenario.ts';
import { alternatingOffers } from './alternating-offers.ts';
import { createExpectedUtilityMechanism } from './expected-utility.ts';
import { randomProposer } from './random-proposer.ts';
import { createCompromise } from './compromise.ts';
import { createKalaiSmorodinsky } from './kalai-smorodinsky.ts';
import type { Mechanism, MechanismFactory } from './mechanism.ts';
import { createNash } from './nash.ts';
import { createSingleText } from './single-text.ts';

export type { Mechanism, MechanismFactory } from './mechanism.ts';

const factories: Partial<Record<MechanismName, MechanismFactory>> = {
  'alternating-offers': () => alternatingOffers,
  'expected-utility': createExpectedUtilityMechanism,
  'random-proposer': () => randomProposer,
  nash: createNash,
  'kalai-smorodinsky': createKalaiSmorodinsky,
  compromise: createCompromise,
  'single-text': createSingleText,
};

/** The scenario's mechanism (`compiled.mechanism`), with its scratch space allocated for this scenario. */
export function createMechanism(compiled: CompiledScenario): Mechanism {
  const factory = factories[compiled.mechanism];
  if (factory === undefined) throw new Error(`mechanism "${compiled.mechanism}" is not available`);
  return factory(compiled);
}
