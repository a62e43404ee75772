/**
 * Replaying one run of a batch with a transcript: the same run index and seed give the same RNG,
 * so the same sampled parameters and the same negotiation as in the batch. Every seat is wrapped
 * in a recorder that notes each offer and response; the mechanism does not know.
 */
import type { CompiledScenario, PackageId } from '../negotiation/compiled-scenario.ts';
import type { NegotiationTable } from '../negotiation/negotiation-table.ts';
import type { Negotiator } from '../negotiation/negotiator.ts';
import type { RunResult } from '../negotiation/run-result.ts';
import { createRunContext, simulateRun, type RunContext } from './batch.ts';
import type { MasterSeed, RunIndex } from './seeding.ts';

export interface RoundRecord {
  /** 1-based. */
  round: number;
  proposer: number;
  /** −1 when the proposer passed. */
  offer: PackageId;
  /** Responses in the order asked (asking stops at the first rejection). */
  responses: { actor: number; accepts: boolean }[];
  /** [a] each actor's utility of the offer (NaN for a pass) and its aspiration this round. */
  utilities: number[];
  aspirations: number[];
}

export interface Replay {
  result: RunResult;
  rounds: RoundRecord[];
  context: RunContext;
}

interface HasAspiration {
  aspirationAt(round: number): number;
}

class RecordingSeat implements Negotiator {
  readonly actor: number;
  constructor(
    private readonly inner: Negotiator,
    private readonly log: (round: number) => RoundRecord,
  ) {
    this.actor = inner.actor;
  }
  begin(table: NegotiationTable): void {
    this.inner.begin(table);
  }
  propose(round: number): PackageId {
    const offer = this.inner.propose(round);
    const record = this.log(round);
    record.proposer = this.actor;
    record.offer = offer;
    return offer;
  }
  respond(round: number, offer: PackageId): boolean {
    const accepts = this.inner.respond(round, offer);
    const record = this.log(round);
    // Mechanisms without proposers (a mediated text) ask about packages nobody proposed: the
    // mediator's vetting of amendments first, then the signing of the text, which asks the
    // consenting actors in actor order. What counts is the last package asked about and the last
    // round of asking: a new package, or an actor not after the previous one, starts afresh.
    const last = record.responses[record.responses.length - 1];
    if (record.proposer < 0 && (offer !== record.offer || (last !== undefined && this.actor <= last.actor))) {
      record.offer = offer;
      record.responses = [];
    }
    record.responses.push({ actor: this.actor, accepts });
    return accepts;
  }
}

export function replayRun(compiled: CompiledScenario, seed: MasterSeed, run: RunIndex): Replay {
  const context = createRunContext(compiled);
  const rounds: RoundRecord[] = [];
  const log = (round: number): RoundRecord => {
    while (rounds.length <= round) rounds.push({ round: rounds.length + 1, proposer: -1, offer: -1, responses: [], utilities: [], aspirations: [] });
    return rounds[round];
  };
  const inner = context.seats;
  context.seats = inner.map((seat) => new RecordingSeat(seat, log));
  const result = simulateRun(context, seed, run);
  const { utility, packageCount } = context.instance;
  for (const record of rounds) {
    record.utilities = inner.map((_, a) => (record.offer >= 0 ? utility[a * packageCount + record.offer] : NaN));
    record.aspirations = inner.map((seat) => ('aspirationAt' in seat ? (seat as unknown as HasAspiration).aspirationAt(record.round - 1) : NaN));
  }
  return { result, rounds, context };
}
