/**
 * A negotiator is a strategy sitting in one actor's seat. Mechanisms only call these three
 * methods; they never know which strategy sits where (NegMAS's split of mechanism and
 * negotiator). A negotiator must never accept a package below its reservation utility.
 */
import type { ActorIndex, PackageId } from './compiled-scenario.ts';
import type { NegotiationTable } from './negotiation-table.ts';

export interface Negotiator {
  readonly actor: ActorIndex;
  /** A new negotiation starts: the table holds this run's utilities. */
  begin(table: NegotiationTable): void;
  /** The package this negotiator offers in `round` (0-based), or −1 to pass. */
  propose(round: number): PackageId;
  /** Whether it accepts `offer` in `round` (also asked of a proposer about its own offer). */
  respond(round: number, offer: PackageId): boolean;
  /**
   * The first round from which it proposes and responds the same in every round (given the same
   * proposer cycle), in this run; Infinity or absent if it never settles. Lets open-ended talks
   * stop playing rounds that can only repeat (talks.ts).
   */
  stationaryFrom?(): number;
  /**
   * Told after its offer in `round` was refused: answers[a] is 1 if actor a accepted, 0 if it
   * refused, −1 if it was not asked (mechanisms/agreement.ts). A seat that learns from refusals
   * updates its beliefs here.
   */
  turnedDown?(round: number, offer: PackageId, answers: Int8Array): void;
}

/** Tolerance for comparing utilities that went through different float sums. */
export const UTILITY_EPSILON = 1e-12;
