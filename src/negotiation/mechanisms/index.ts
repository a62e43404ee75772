/**
 * The mechanisms by name: each plays one run's negotiation table to a RunResult. A scenario
 * names its mechanism (`negotiation.protocol`, or `--mechanism NAME`); the batch loop calls it.
 */
import type { MechanismName } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Negotiator } from '../negotiator.ts';
import type { RunResult } from '../run-result.ts';
import type { Rng } from '../../scenario/sample.ts';
import { alternatingOffers } from './alternating-offers.ts';
import { expectedUtilityMechanism } from './expected-utility.ts';
import { randomProposer } from './random-proposer.ts';
import { compromise } from './compromise.ts';
import { kalaiSmorodinsky } from './kalai-smorodinsky.ts';
import { nash } from './nash.ts';
import { singleText } from './single-text.ts';

/** Plays one run: `seats` hold each actor's negotiator; `rng` is the run's own random stream. */
export type Mechanism = (table: NegotiationTable, seats: readonly Negotiator[], rng: Rng, out: RunResult) => RunResult;

const available: Partial<Record<MechanismName, Mechanism>> = {
  'alternating-offers': alternatingOffers,
  'expected-utility': expectedUtilityMechanism,
  'random-proposer': randomProposer,
  nash,
  'kalai-smorodinsky': kalaiSmorodinsky,
  compromise,
  'single-text': singleText,
};

export function mechanismNamed(name: MechanismName): Mechanism {
  const mechanism = available[name];
  if (mechanism === undefined) throw new Error(`mechanism "${name}" is not available`);
  return mechanism;
}
