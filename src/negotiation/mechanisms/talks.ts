/**
 * What the mechanisms with talks (alternating-offers, random-proposer, single-text) share: how a
 * rejected round ends, or does not end, the talks.
 *
 * After a rejected round talks collapse with probability q (the run's per-round breakdown risk;
 * Binmore, Rubinstein & Wolinsky 1986) — except after the last round, which ends them: at the
 * deadline, or, in an open-ended negotiation, at the safety cap (stalled).
 *
 * Open-ended talks can reach a state that only repeats: every seat behaves the same in every later
 * round (Negotiator.stationaryFrom) and a whole cycle of such rounds has been rejected. Nothing
 * can change after that but the collapse draw, so the rest is drawn at once: the number of further
 * rejected rounds until collapse is geometric, G = 1 + ⌊ln(1 − u) / ln(1 − q)⌋ for one uniform u
 * (the same law as drawing round by round), and if that passes the cap the run is stalled.
 */
import type { Negotiator } from '../negotiator.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Instance } from '../preferences.ts';
import { Status, type RunResult } from '../run-result.ts';
import type { Rng } from '../../scenario/sample.ts';
import { settle } from './settle.ts';

/** How talks that passed their last round end: at a deadline, or stalled at an open-ended run's cap. */
export function endOfTalks(instance: Instance): Status {
  return instance.hasDeadline ? Status.Deadline : Status.Stalled;
}

/** After rejected round `round` (0-based): the collapse draw, unless it was the last round. Null: talks go on. */
export function afterRejection(table: NegotiationTable, rng: Rng, round: number, out: RunResult): RunResult | null {
  const { instance } = table;
  if (round + 1 < instance.rounds && rng() < instance.breakdownRisk) return settle(out, Status.Breakdown, round + 1, -1, table);
  return null;
}

/** The first round from which every seat behaves the same in every round (Infinity if some seat never does, or the run has a deadline). */
export function stationaryFrom(instance: Instance, seats: readonly Negotiator[]): number {
  if (instance.hasDeadline) return Infinity;
  let from = 0;
  for (let a = 0; a < seats.length; a++) {
    const s = seats[a].stationaryFrom?.() ?? Infinity;
    if (s > from) from = s;
  }
  return from;
}

/**
 * Ends open-ended talks whose rejected rounds from here on would only repeat, `round` being the
 * last one played (0-based, rejected and survived): a collapse after G more rejected rounds, or
 * stalled at the cap.
 */
export function repeatToEnd(table: NegotiationTable, rng: Rng, round: number, out: RunResult): RunResult {
  const { instance } = table;
  const q = instance.breakdownRisk;
  if (q > 0) {
    const u = rng();
    const further = q >= 1 ? 1 : 1 + Math.floor(Math.log(1 - u) / Math.log(1 - q));
    const collapseRound = round + further; // 0-based round after which talks collapse
    if (collapseRound + 1 < instance.rounds) return settle(out, Status.Breakdown, collapseRound + 1, -1, table);
  }
  return settle(out, endOfTalks(instance), instance.rounds, -1, table);
}
