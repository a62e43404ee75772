/**
 * Multilateral alternating offers over whole packages (the stacked alternating offers protocol,
 * Aydoğan et al. 2017, as in NegMAS's SAO mechanism), with consent rules.
 *
 * Round k = 0, 1, …, rounds − 1: the next actor in the run's proposer order offers a package;
 * every actor whose consent it needs (the veto players and the guarantors its terms commit)
 * responds, the proposer included, and under a vote every voter (agreement.ts). Agreed → deal. Otherwise the gain from a later deal shrinks
 * by each actor's patience, and — unless it was the last round — talks collapse with probability
 * `breakdownRisk` (Binmore, Rubinstein & Wolinsky 1986). After the last round: no deal (deadline,
 * or stalled at the cap of an open-ended run; talks.ts, which also ends open-ended talks early
 * once a whole proposer cycle of settled rounds has been rejected).
 *
 * Payoffs: without a deal each actor gets its reservation utility r (the war goes on). A deal on
 * package p in round k (1-based) is worth r + δ^(k−1) (u(p) − r): the war goes on until the deal,
 * so every round of delay shrinks the gain from it by the actor's patience δ (Rubinstein 1982 with
 * the disagreement payoff as a flow). A deal in the first round is worth u(p).
 */
import type { Negotiator } from '../negotiator.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import { Status, type RunResult } from '../run-result.ts';
import { settle } from './settle.ts';
import type { Rng } from '../../scenario/sample.ts';
import { afterRejection, endOfTalks, repeatToEnd, stationaryFrom } from './talks.ts';
import { agreed, tellTurnedDown } from './agreement.ts';

export function alternatingOffers(table: NegotiationTable, seats: readonly Negotiator[], rng: Rng, out: RunResult): RunResult {
  const { instance } = table;
  const { proposers, rounds } = instance;
  const n = proposers.length;
  const A = instance.actorCount;
  for (let a = 0; a < A; a++) seats[a].begin(table);
  const settled = stationaryFrom(instance, seats);

  for (let round = 0; round < rounds; round++) {
    const proposer = seats[proposers[round % n]];
    const offer = proposer.propose(round);
    if (agreed(table, seats, round, offer)) return settle(out, Status.Deal, round + 1, offer, table);
    tellTurnedDown(table, proposer, round, offer);
    const ended = afterRejection(table, rng, round, out);
    if (ended !== null) return ended;
    if (round - settled >= n - 1) return repeatToEnd(table, rng, round, out);
  }
  return settle(out, endOfTalks(instance), rounds, -1, table);
}
