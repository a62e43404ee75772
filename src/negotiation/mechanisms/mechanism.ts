/**
 * What a mechanism is: a function that plays one run's negotiation table to a RunResult, made once
 * per run context by its factory from the compiled scenario. A factory allocates the mechanism's
 * scratch space (sized by the scenario) and the mechanism closes over it, so runs allocate nothing
 * and no state outlives the context; stateless mechanisms have a factory that returns the function.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Negotiator } from '../negotiator.ts';
import type { RunResult } from '../run-result.ts';
import type { Rng } from '../../scenario/sample.ts';

/** Plays one run: `seats` hold each actor's negotiator; `rng` is the run's own random stream. */
export type Mechanism = (table: NegotiationTable, seats: readonly Negotiator[], rng: Rng, out: RunResult) => RunResult;

/** Makes a mechanism for one compiled scenario (once per run context). */
export type MechanismFactory = (compiled: CompiledScenario) => Mechanism;
