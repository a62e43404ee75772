/**
 * Private information: what each actor believes about the others' reservation utility (the value
 * of war to them) and patience. Fearon (1995) names private information about these, with
 * incentives to misrepresent it, as a rationalist route to war: with wrong beliefs a proposer can
 * offer less than another actor accepts, and talks are delayed or break down.
 *
 * Model: each observer's belief about another actor is the truth plus independent normal noise of
 * standard deviation σ (`negotiation.beliefNoise`, sampled per run); believed patience is kept in
 * [0.01, 0.999]. An actor knows its own values. With σ = 0 the beliefs are the truth and no random
 * number is drawn, so complete-information runs keep their random stream.
 */
import type { NegotiationTable } from './negotiation-table.ts';
import { standardNormal, type Rng } from '../scenario/sample.ts';

const MIN_BELIEVED_PATIENCE = 0.01;
const MAX_BELIEVED_PATIENCE = 0.999;

/** Fills the table's believed reservation utilities and patience for this run. */
export function drawBeliefs(table: NegotiationTable, rng: Rng): void {
  const { instance, believedReservation, believedPatience } = table;
  const A = instance.actorCount;
  const sigma = instance.beliefNoise;
  for (let observer = 0; observer < A; observer++) {
    for (let b = 0; b < A; b++) {
      const k = observer * A + b;
      believedReservation[k] = instance.reservation[b];
      believedPatience[k] = instance.patience[b];
      if (sigma > 0 && observer !== b) {
        believedReservation[k] += sigma * standardNormal(rng);
        const p = instance.patience[b] + sigma * standardNormal(rng);
        believedPatience[k] = Math.min(MAX_BELIEVED_PATIENCE, Math.max(MIN_BELIEVED_PATIENCE, p));
      }
    }
  }
}
