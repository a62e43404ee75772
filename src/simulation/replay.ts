/**
 * Replaying one run of a batch with a transcript: the same run index and seed give the same RNG,
 * so the same sampled parameters and the same negotiation as in the batch. Every seat is wrapped
 * in a recorder that notes each offer and response, and the table's observer (null in batches)
 * notes each text a mediator puts up for signing; the mechanisms play as in a batch.
 */
import type { CompiledScenario, PackageId } from '../negotiation/compiled-scenario.ts';
import type { NegotiationTable, TableObserver } from '../negotiation/negotiation-table.ts';
import type { Negotiator } from '../negotiation/negotiator.ts';
import type { RunResult } from '../negotiation/run-result.ts';
import { createRunContext, simulateRun, type RunContext } from './batch.ts';
import { takeSeats } from '../negotiation/negotiators/seat.ts';
import type { EuModel } from '../negotiation/expected-utility/model.ts';
import { MoveKind, MOVE_KIND_NAMES } from '../negotiation/expected-utility/offers.ts';
import type { MasterSeed, RunIndex } from './seeding.ts';

export interface RoundRecord {
  /** 1-based. */
  round: number;
  proposer: number;
  /** −1 when the proposer passed. */
  offer: PackageId;
  /** Responses in the order asked (the consenting actors until the first refusal; under a vote, then every voter). */
  responses: { actor: number; accepts: boolean }[];
  /** [a] each actor's utility of the offer (NaN for a pass) and its aspiration this round. */
  utilities: number[];
  aspirations: number[];
}

/** One round of Bueno de Mesquita's model on one issue (expected-utility mechanism). */
export interface EuRoundRecord {
  /** Issue index. */
  issue: number;
  /** 0: the starting positions; k: after the k-th round's moves. */
  round: number;
  /** [a] positions on the issue's scale (a continuous issue's own units; an ordinal issue's option index). */
  positions: number[];
  /** The weighted Condorcet median of the positions. */
  median: number;
  /** Each actor that moved: whose offer it took (challenger), the kind of move, its new position. */
  moves: { actor: number; toward: number; kind: string; position: number }[];
}

export interface Replay {
  result: RunResult;
  rounds: RoundRecord[];
  /** The expected-utility model's rounds, issue by issue (empty under other mechanisms). */
  euRounds: EuRoundRecord[];
  context: RunContext;
}

interface HasAspiration {
  aspirationAt(round: number): number;
}

/**
 * The transcript: seats report offers and responses, the table's observer the mediated texts.
 * A response is recorded only once something is on the table in its round — a proposer's offer,
 * or a text put up for signing (single-text's mediator vets its amendments through the mediator's
 * seat first; those answers are not part of the transcript).
 */
class Transcript implements TableObserver {
  readonly rounds: RoundRecord[] = [];
  readonly euRounds: EuRoundRecord[] = [];
  /** The round whose offer or text is on the table, or −1. */
  private open = -1;

  at(round: number): RoundRecord {
    const { rounds } = this;
    while (rounds.length <= round) rounds.push({ round: rounds.length + 1, proposer: -1, offer: -1, responses: [], utilities: [], aspirations: [] });
    return rounds[round];
  }
  offered(round: number, proposer: number, offer: PackageId): void {
    const record = this.at(round);
    record.proposer = proposer;
    record.offer = offer;
    this.open = round;
  }
  textOnTable(round: number, text: PackageId): void {
    const record = this.at(round);
    record.offer = text;
    record.responses = [];
    this.open = round;
  }
  responded(round: number, actor: number, accepts: boolean): void {
    if (round === this.open) this.at(round).responses.push({ actor, accepts });
  }
  euRound(issue: number, round: number, model: EuModel): void {
    const moves = [];
    for (let a = 0; a < model.actorCount; a++) {
      if (round > 0 && model.moveKind[a] !== MoveKind.None)
        moves.push({ actor: a, toward: model.moveToward[a], kind: MOVE_KIND_NAMES[model.moveKind[a]], position: model.position[a] });
    }
    this.euRounds.push({ issue, round, positions: Array.from(model.position), median: model.median, moves });
  }
}

class RecordingSeat implements Negotiator {
  readonly actor: number;
  constructor(
    private readonly inner: Negotiator,
    private readonly transcript: Transcript,
  ) {
    this.actor = inner.actor;
  }
  begin(table: NegotiationTable): void {
    this.inner.begin(table);
  }
  propose(round: number): PackageId {
    const offer = this.inner.propose(round);
    this.transcript.offered(round, this.actor, offer);
    return offer;
  }
  respond(round: number, offer: PackageId): boolean {
    const accepts = this.inner.respond(round, offer);
    this.transcript.responded(round, this.actor, accepts);
    return accepts;
  }
  stationaryFrom(): number {
    return this.inner.stationaryFrom?.() ?? Infinity;
  }
  turnedDown(round: number, offer: PackageId, answers: Int8Array): void {
    this.inner.turnedDown?.(round, offer, answers);
  }
}

export function replayRun(compiled: CompiledScenario, seed: MasterSeed, run: RunIndex): Replay {
  const context = createRunContext(compiled);
  const transcript = new Transcript();
  const innerPool = context.seatPool;
  context.seatPool = innerPool.map((alternatives) => alternatives.map((seat) => new RecordingSeat(seat, transcript)));
  context.table.observer = transcript;
  const result = simulateRun(context, seed, run);
  const inner = takeSeats(innerPool, context.instance, []);
  const { rounds } = transcript;
  const { utility, packageCount } = context.instance;
  for (const record of rounds) {
    record.utilities = inner.map((_, a) => (record.offer >= 0 ? utility[a * packageCount + record.offer] : NaN));
    record.aspirations = inner.map((seat) => ('aspirationAt' in seat ? (seat as unknown as HasAspiration).aspirationAt(record.round - 1) : NaN));
  }
  return { result, rounds, euRounds: transcript.euRounds, context };
}
