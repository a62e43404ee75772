/**
 * Random recognition of the proposer (Baron & Ferejohn 1989, "Bargaining in Legislatures", APSR
 * 83(4); unequal recognition probabilities as in Eraslan 2002).
 *
 * Round k = 0, 1, …, rounds − 1: one entry of the run's proposer list is drawn
 * with probability proportional to its weight — the actor's sampled capability
 * (`recognition: capability`) or 1 (`recognition: equal`); an actor listed twice is recognized
 * twice as often. One draw from the run's RNG per round, whoever is drawn. The recognized actor
 * offers a package and agreement works as in alternating offers (agreement.ts: every actor
 * whose consent it needs accepts, and under a vote a winning coalition; a pass is a rejected round). After a rejected round — except
 * the last — talks collapse with probability `breakdownRisk`; after the last round: deadline.
 * Payoffs as in alternating offers (a deal in round k is worth r + δ^(k−1)(u − r)).
 *
 * If every listed proposer's capability is 0, recognition falls back to equal weights. Open-ended
 * talks end early (talks.ts) once every proposer that can be recognized has been turned down in
 * a round where every seat has settled.
 */
import type { CompiledScenario } from '../compiled-scenario.ts';
import type { Negotiator } from '../negotiator.ts';
import type { NegotiationTable } from '../negotiation-table.ts';
import type { Instance } from '../preferences.ts';
import { Status, type RunResult } from '../run-result.ts';
import type { Mechanism } from './mechanism.ts';
import type { Rng } from '../../scenario/sample.ts';
import { settle } from './settle.ts';
import { agreed, tellTurnedDown } from './agreement.ts';
import { afterRejection, endOfTalks, repeatToEnd, stationaryFrom } from './talks.ts';

/** The recognition weight of entry `slot` of the proposer list (not normalized). */
export function recognitionWeight(compiled: CompiledScenario, instance: Instance, slot: number): number {
  return compiled.recognition === 'equal' ? 1 : Math.max(0, instance.capability[instance.proposers[slot]]);
}

/** The sum of the proposer list's recognition weights; 0 means "fall back to equal weights". */
export function totalRecognitionWeight(compiled: CompiledScenario, instance: Instance): number {
  let total = 0;
  for (let s = 0; s < instance.proposers.length; s++) total += recognitionWeight(compiled, instance, s);
  return total;
}

/**
 * Each actor's probability of being recognized in a round, into `out` [A] (an actor listed
 * several times gets the sum of its entries).
 */
export function recognitionProbabilities(compiled: CompiledScenario, instance: Instance, out: Float64Array): Float64Array {
  const { proposers } = instance;
  const total = totalRecognitionWeight(compiled, instance);
  out.fill(0);
  for (let s = 0; s < proposers.length; s++) {
    out[proposers[s]] += total > 0 ? recognitionWeight(compiled, instance, s) / total : 1 / proposers.length;
  }
  return out;
}

/** Draws the proposer of one round with one uniform from `rng`. */
function drawProposer(compiled: CompiledScenario, instance: Instance, total: number, rng: Rng): number {
  const { proposers } = instance;
  const n = proposers.length;
  const u = rng();
  if (total <= 0) return proposers[Math.min(n - 1, Math.floor(u * n))];
  let target = u * total;
  for (let s = 0; s < n; s++) {
    const w = recognitionWeight(compiled, instance, s);
    if (target < w) return proposers[s];
    target -= w;
  }
  // u · total can round up to the last cumulative sum: the last entry with a positive weight.
  for (let s = n - 1; s >= 0; s--) if (recognitionWeight(compiled, instance, s) > 0) return proposers[s];
  return proposers[n - 1];
}

export function createRandomProposer(compiled: CompiledScenario): Mechanism {
  /** [a] 1 once actor a has been turned down in a settled round (open-ended runs). */
  const turnedDown = new Uint8Array(compiled.actors.length);
  return (table, seats, rng, out) => randomProposer(table, seats, rng, out, turnedDown);
}

export function randomProposer(table: NegotiationTable, seats: readonly Negotiator[], rng: Rng, out: RunResult, turnedDown: Uint8Array): RunResult {
  const { compiled, instance } = table;
  const { rounds } = instance;
  const A = instance.actorCount;
  for (let a = 0; a < A; a++) seats[a].begin(table);
  const total = totalRecognitionWeight(compiled, instance);
  const settled = stationaryFrom(instance, seats);
  turnedDown.fill(0);
  let recognizable = 0;
  for (let s = 0; s < instance.proposers.length; s++) {
    const a = instance.proposers[s];
    if ((total <= 0 || recognitionWeight(compiled, instance, s) > 0) && turnedDown[a] === 0) {
      turnedDown[a] = 2;
      recognizable++;
    }
  }
  let stillUntried = recognizable;

  for (let round = 0; round < rounds; round++) {
    const proposer = drawProposer(compiled, instance, total, rng);
    const offer = seats[proposer].propose(round);
    if (agreed(table, seats, round, offer)) return settle(out, Status.Deal, round + 1, offer, table);
    tellTurnedDown(table, seats[proposer], round, offer);
    const ended = afterRejection(table, rng, round, out);
    if (ended !== null) return ended;
    if (round >= settled && turnedDown[proposer] === 2) {
      turnedDown[proposer] = 1;
      if (--stillUntried === 0) return repeatToEnd(table, rng, round, out);
    }
  }
  return settle(out, endOfTalks(instance), rounds, -1, table);
}
