/**
 * The mechanisms by name: each plays one run's negotiation table to a RunResult. A scenario
 * names its mechanism (`negotiation.protocol`, or `--mechanism NAME`); the batch loop makes it once
 * per run context (`createMechanism`) and calls it every run.
 */
import type { CompiledScenario, MechanismName } from '../compiled-scenario.ts';
import { alternatingOffers } from './alternating-offers.ts';
import { createExpectedUtilityMechanism } from './expected-utility.ts';
import { createRandomProposer } from './random-proposer.ts';
import { createCompromise } from './compromise.ts';
import { createKalaiSmorodinsky } from './kalai-smorodinsky.ts';
import type { Mechanism, MechanismFactory } from './mechanism.ts';
import { createNash } from './nash.ts';
import { createSingleText } from './single-text.ts';

export type { Mechanism, MechanismFactory } from './mechanism.ts';

const factories: Record<MechanismName, MechanismFactory> = {
  'alternating-offers': () => alternatingOffers,
  'expected-utility': createExpectedUtilityMechanism,
  'random-proposer': createRandomProposer,
  nash: createNash,
  'kalai-smorodinsky': createKalaiSmorodinsky,
  compromise: createCompromise,
  'single-text': createSingleText,
};

/** Each of the scenario's mechanisms (`compiled.mechanisms`; one unless the protocol is a choice), with its scratch space allocated for this scenario. */
export function createMechanisms(compiled: CompiledScenario): Mechanism[] {
  return compiled.mechanisms.map((name) => factories[name](compiled));
}

/** Whether a mechanism plays talks (offers, rounds, collapse) or forecasts one package (mechanism-kind.ts). */
export { mechanismKind, type MechanismKind } from './mechanism-kind.ts';
